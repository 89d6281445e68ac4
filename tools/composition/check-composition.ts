// Composes every subgraph schema with @apollo/composition; exits non-zero on any composition error.
// With --out FILE it also writes the supergraph the gateway loads (SUPERGRAPH_PATH).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeSupergraph, defaultSubgraphUrls } from '@c360/supergraph';

const outIndex = process.argv.indexOf('--out');
const out = outIndex > 0 ? process.argv[outIndex + 1] : undefined;
const result = composeSupergraph(defaultSubgraphUrls(process.env));
if ('errors' in result) {
  process.stderr.write(`composition failed:\n${result.errors.map((e) => `  - ${e}`).join('\n')}\n`);
  process.exit(1);
}
if (out) {
  mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  writeFileSync(out, result.supergraphSdl);
}
process.stdout.write(`composition ok: ${result.supergraphSdl.split('\n').length} lines${out ? ` written to ${out}` : ''}\n`);
