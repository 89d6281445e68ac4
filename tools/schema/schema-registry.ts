import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SubgraphName } from '@c360/supergraph';

/**
 * The published supergraphs, as files in the repository: one JSON per version (each subgraph's SDL,
 * the composed supergraph and its API schema, who published it and when), and the latest supergraph
 * in infra/deploy/k8s, where the gateway's ConfigMap is generated from (Kustomize reads no file
 * outside its folder, so that copy is the one deployments use).
 */
export interface PublishedVersion {
  version: number;
  publishedAt: string;
  /** The subgraph whose change made this version (or "all" for a full publish). */
  publishedFor: string;
  subgraphs: Record<SubgraphName, string>;
  supergraphSdl: string;
  apiSchemaSdl: string;
}

export const REGISTRY_DIR = 'schema/registry';
/** The latest supergraph, where deployments read it (the gateway's ConfigMap; SUPERGRAPH_PATH). */
export const DEPLOY_COPY = 'infra/deploy/k8s/supergraph.graphql';

export function latestVersion(root: string): PublishedVersion | null {
  const dir = path.join(root, REGISTRY_DIR);
  if (!existsSync(dir)) return null;
  const versions = readdirSync(dir)
    .map((f) => /^v(\d+)\.json$/.exec(f)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number)
    .sort((a, b) => b - a);
  if (!versions.length) return null;
  return JSON.parse(readFileSync(path.join(dir, `v${versions[0]}.json`), 'utf8')) as PublishedVersion;
}

export function publish(root: string, version: Omit<PublishedVersion, 'version' | 'publishedAt'>): PublishedVersion {
  const next: PublishedVersion = { version: (latestVersion(root)?.version ?? 0) + 1, publishedAt: new Date().toISOString(), ...version };
  mkdirSync(path.join(root, REGISTRY_DIR), { recursive: true });
  writeFileSync(path.join(root, REGISTRY_DIR, `v${next.version}.json`), `${JSON.stringify(next, null, 2)}\n`);
  const deployCopy = path.join(root, DEPLOY_COPY);
  mkdirSync(path.dirname(deployCopy), { recursive: true });
  // Renamed into place: a gateway polling the file never reads half of it.
  writeFileSync(`${deployCopy}.next`, next.supergraphSdl);
  renameSync(`${deployCopy}.next`, deployCopy);
  return next;
}
