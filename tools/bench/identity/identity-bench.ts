/**
 * npm run bench:identity [-- --touchpoints n --people n --concurrency n --batch n]
 * Resolution throughput of identity-graph's resolver on Neo4j beside the raw rate of an equivalent
 * batched UNWIND … MERGE measured in the same run. Bounded: the defaults finish well under a minute.
 */
import { parseArgs } from 'node:util';
import { runIdentityBench } from './run-identity-bench';
import { createNeo4jDriver } from './identity-graph.imports';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      touchpoints: { type: 'string', default: '3000' },
      people: { type: 'string', default: '1000' },
      concurrency: { type: 'string', default: '4' },
      // As many per transaction as an ingestion job carries (INGEST_JOB_MAX_ITEMS).
      batch: { type: 'string', default: '200' },
    },
  });
  const touchpoints = Math.min(20_000, Number(values.touchpoints));
  const driver = createNeo4jDriver(process.env['NEO4J_URI'] ?? 'bolt://127.0.0.1:7687', process.env['NEO4J_USER'] ?? 'neo4j', process.env['NEO4J_PASSWORD'] ?? '');
  try {
    process.stderr.write(`benchmark: ${touchpoints} touchpoints of ${values.people} people, ${values.concurrency} writers, ${values.batch} per transaction\n`);
    const result = await runIdentityBench({
      driver,
      touchpoints,
      people: Number(values.people),
      concurrency: Number(values.concurrency),
      batchSize: Number(values.batch),
      progress: (line) => process.stderr.write(`${line}\n`),
    });
    const ratio = result.resolvePerSecond / result.rawMergePerSecond;
    process.stdout.write(`resolve_per_s=${Math.round(result.resolvePerSecond)} raw_merge_per_s=${Math.round(result.rawMergePerSecond)} ratio=${ratio.toFixed(3)}\n`);
  } finally {
    await driver.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
