/**
 * npm run schema:check -- <service>|--all    compose the changed subgraph(s) with the others' published
 *   schemas and fail, naming each operation, when a known client operation would break.
 * npm run schema:publish -- <service>|--all  the same check, then record a new published version.
 * Known operations: the console's, the tests' and the persisted-operation list (known-operations.ts).
 */
import path from 'node:path';
import { currentSubgraphSdls, SUBGRAPHS, type SubgraphName } from '@c360/supergraph';
import { applySchemaChange } from './schema-publication';

const root = path.resolve(__dirname, '../..');
const [command, target] = process.argv.slice(2);
const names = SUBGRAPHS.map((s) => s.name) as SubgraphName[];
if (!['check', 'publish'].includes(command ?? '') || !target || (target !== '--all' && !names.includes(target as SubgraphName))) {
  console.error(`usage: schema:${command ?? 'check'} -- <${names.join('|')}|--all>`);
  process.exit(2);
}

const outcome = applySchemaChange(
  {
    repoRoot: root,
    registryRoot: root,
    changed: target === '--all' ? names : [target as SubgraphName],
    sdls: currentSubgraphSdls(),
    publishedFor: target === '--all' ? 'all' : target,
  },
  command === 'publish' ? 'publish' : 'check',
);
for (const message of outcome.messages) (outcome.ok ? console.log : console.error)(message);
if (!outcome.ok) process.exit(1);
