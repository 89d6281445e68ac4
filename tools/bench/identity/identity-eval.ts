/**
 * npm run eval:identity -- --file <csv> [--format febrl|splink] [--concurrency n] [--em]
 * Entity-resolution quality of identity-graph's resolver on a labelled file, through the real Neo4j
 * store. Progress goes to stderr; the last line of stdout is the result.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readFebrl, readSplink } from './person-records.reader';
import { runIdentityEval } from './run-identity-eval';
import { createNeo4jDriver } from './identity-graph.imports';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { file: { type: 'string' }, format: { type: 'string', default: 'febrl' }, concurrency: { type: 'string', default: '4' }, em: { type: 'boolean', default: false } } });
  if (!values.file || !['febrl', 'splink'].includes(values.format ?? '')) throw new Error('usage: eval:identity -- --file <csv> [--format febrl|splink] [--concurrency n] [--em]');
  const text = readFileSync(values.file, 'utf8');
  const records = values.format === 'splink' ? readSplink(text) : readFebrl(text);
  const driver = createNeo4jDriver(process.env['NEO4J_URI'] ?? 'bolt://127.0.0.1:7687', process.env['NEO4J_USER'] ?? 'neo4j', process.env['NEO4J_PASSWORD'] ?? '');
  try {
    process.stderr.write(`evaluating ${records.length} records from ${values.file}\n`);
    const result = await runIdentityEval({ driver, records, estimate: values.em, concurrency: Number(values.concurrency), progress: (line) => process.stderr.write(`${line}\n`) });
    process.stderr.write(`true pairs ${result.truePairs}, predicted ${result.predictedPairs}, correct ${result.correctPairs}, reviews ${result.reviews}\n`);
    const f = (n: number) => n.toFixed(4);
    process.stdout.write(`precision=${f(result.precision)} recall=${f(result.recall)} f1=${f(result.f1)} records_per_s=${Math.round(result.recordsPerSecond)}\n`);
  } finally {
    await driver.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
