/**
 * npm run eval:identity -- --file <csv> [--format febrl|splink] [--concurrency n] [--batch n] [--em]
 * Entity-resolution quality of identity-graph's resolution engine on a labelled file, resolved as
 * the resolve-identity worker resolves ingestion jobs, in a private Neo4j started for the run
 * (private-neo4j.ts). Progress goes to stderr; the last line of stdout is the result.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readFebrl, readSplink } from './person-records.reader';
import { privateNeo4jFromEnv, withPrivateNeo4j } from './private-neo4j';
import { runIdentityEval } from './run-identity-eval';

const USAGE = 'usage: eval:identity -- --file <csv> [--format febrl|splink] [--concurrency n] [--batch n] [--em]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      file: { type: 'string' },
      format: { type: 'string', default: 'febrl' },
      concurrency: { type: 'string', default: '4' },
      // As many per transaction as an ingestion job carries (INGEST_JOB_MAX_ITEMS).
      batch: { type: 'string', default: '200' },
      em: { type: 'boolean', default: false },
    },
  });
  if (!values.file || !['febrl', 'splink'].includes(values.format ?? '')) throw new Error(USAGE);
  const text = readFileSync(values.file, 'utf8');
  const records = values.format === 'splink' ? readSplink(text) : readFebrl(text);
  const progress = (line: string) => process.stderr.write(`${line}\n`);
  const result = await withPrivateNeo4j(privateNeo4jFromEnv(progress), (driver) => {
    progress(`evaluating ${records.length} records from ${values.file}, ${values.batch} per transaction, ${values.concurrency} at a time`);
    return runIdentityEval({ driver, records, estimate: values.em, concurrency: Number(values.concurrency), batchSize: Number(values.batch), progress });
  });
  progress(`true pairs ${result.truePairs}, predicted ${result.predictedPairs}, correct ${result.correctPairs}, reviews ${result.reviews}`);
  const f = (n: number) => n.toFixed(4);
  process.stdout.write(`precision=${f(result.precision)} recall=${f(result.recall)} f1=${f(result.f1)} records_per_s=${Math.round(result.recordsPerSecond)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
