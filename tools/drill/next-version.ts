import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { currentSubgraphSdls, type SubgraphName } from '@c360/supergraph';
import { repoRoot } from './drill-system';

/** The additive change the drill ships: one nullable field on Customer, answered by GraphQL's default resolver (null). */
export const ADDED_FIELD = 'deployDrillRevision';
const ADDITION = `
extend type Customer {
  "Added by npm run drill:deploy, as an additive change shipped mid-run; no resolver yet, so null."
  ${ADDED_FIELD}: String
}
`;

export interface NextVersion {
  /** The built main.js to run. */
  bundle: string;
  /** Every subgraph's SDL with this one's addition, for the schema check and publish. */
  sdls: Record<SubgraphName, string>;
}

/**
 * A new version of a subgraph, as a deployment ships it: the app built alone (tools/build, as its
 * image is) into a scratch folder, its schema.graphql carrying one new field.
 */
export function buildNextVersion(name: SubgraphName): NextVersion {
  execFileSync(process.execPath, [path.join(repoRoot, 'tools/build/build-app.mjs'), name], { cwd: repoRoot, stdio: 'ignore' });
  // Inside the repository, so the bundle finds the workspace's node_modules as its image finds its own.
  const dir = path.join(repoRoot, 'dist/drill', `${name}-next`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.dirname(dir), { recursive: true });
  cpSync(path.join(repoRoot, 'dist/apps', name), dir, { recursive: true });
  appendFileSync(path.join(dir, 'schema.graphql'), ADDITION);
  const sdls = currentSubgraphSdls();
  return { bundle: path.join(dir, 'main.js'), sdls: { ...sdls, [name]: `${sdls[name]}${ADDITION}` } };
}
