/**
 * npm run schema:check -- <service>|--all    compose the changed subgraph(s) with the others' published
 *   schemas and fail, naming each operation, when a known client operation would break.
 * npm run schema:publish -- <service>|--all  the same check, then record a new published version.
 * Known operations: the console's, the tests' and the persisted-operation list (known-operations.ts).
 */
import path from 'node:path';
import { composeSubgraphs, currentSubgraphSdls, defaultSubgraphUrls, SUBGRAPHS, type SubgraphName } from '@c360/supergraph';
import { buildSchema } from 'graphql';
import { clientBreaks } from './client-compatibility';
import { knownOperations } from './known-operations';
import { latestVersion, publish } from './schema-registry';

const root = path.resolve(__dirname, '../..');
const [command, target] = process.argv.slice(2);
const names = SUBGRAPHS.map((s) => s.name) as SubgraphName[];
if (!['check', 'publish'].includes(command ?? '') || !target || (target !== '--all' && !names.includes(target as SubgraphName))) {
  console.error(`usage: schema:${command ?? 'check'} -- <${names.join('|')}|--all>`);
  process.exit(2);
}
const changed = target === '--all' ? names : [target as SubgraphName];

const published = latestVersion(root);
const current = currentSubgraphSdls();
const candidateSdls = { ...(published?.subgraphs ?? current) };
for (const name of changed) candidateSdls[name] = current[name];
const candidate = composeSubgraphs(candidateSdls, defaultSubgraphUrls({}));
if ('errors' in candidate) {
  console.error(`composition failed with ${changed.join(', ')} as checked out:\n${candidate.errors.map((e) => `  - ${e}`).join('\n')}`);
  process.exit(1);
}

if (published) {
  const operations = knownOperations(root);
  const breaks = clientBreaks(buildSchema(published.apiSchemaSdl), buildSchema(candidate.apiSchemaSdl), operations);
  if (breaks.length) {
    console.error(`${changed.join(', ')} would break ${breaks.length} known operation(s) against published v${published.version}:`);
    for (const b of breaks) console.error(`  ${b.operation}\n${b.reasons.map((r) => `    - ${r}`).join('\n')}`);
    process.exit(1);
  }
  console.log(`${changed.join(', ')}: compatible with published v${published.version} for ${operations.length} known operations`);
} else {
  console.log('nothing published yet: the first publish records the current schemas');
}

if (command === 'publish') {
  const unchanged = published && changed.every((n) => published.subgraphs[n] === current[n]);
  if (unchanged) {
    console.log(`no change to publish: v${published.version} is current`);
  } else {
    const version = publish(root, {
      publishedFor: target === '--all' ? 'all' : target,
      subgraphs: candidateSdls,
      supergraphSdl: candidate.supergraphSdl,
      apiSchemaSdl: candidate.apiSchemaSdl,
    });
    console.log(`published v${version.version} (${version.publishedFor})`);
  }
}
