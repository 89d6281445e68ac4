/**
 * npm run bench:identity [-- --touchpoints n --people n --concurrency n --batch n]
 * Resolution throughput of identity-graph's resolution engine on Neo4j beside the raw rate of an
 * equivalent batched UNWIND … MERGE measured in the same run, both in a private Neo4j started for
 * the run (private-neo4j.ts). Bounded: the defaults finish in about a minute, the server's start included.
 */
import { parseArgs } from 'node:util';
import { privateNeo4jFromEnv, withPrivateNeo4j } from './private-neo4j';
import { runIdentityBench } from './run-identity-bench';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      touchpoints: { type: 'string', default: '3000' },
      people: { type: 'string', default: '1000' },
      // As many jobs at a time as the resolve-identity worker takes (WORKER_CONCURRENCY).
      concurrency: { type: 'string', default: '4' },
      // As many per transaction as an ingestion job carries (INGEST_JOB_MAX_ITEMS).
      batch: { type: 'string', default: '200' },
    },
  });
  const touchpoints = Math.min(20_000, Number(values.touchpoints));
  const progress = (line: string) => process.stderr.write(`${line}\n`);
  const result = await withPrivateNeo4j(privateNeo4jFromEnv(progress), (driver) => {
    progress(`benchmark: ${touchpoints} touchpoints of ${values.people} people, ${values.concurrency} writers, ${values.batch} per transaction`);
    return runIdentityBench({
      driver,
      touchpoints,
      people: Number(values.people),
      concurrency: Number(values.concurrency),
      batchSize: Number(values.batch),
      progress,
    });
  });
  const ratio = result.resolvePerSecond / result.rawMergePerSecond;
  process.stdout.write(
    `resolve_per_s=${Math.round(result.resolvePerSecond)} raw_merge_per_s=${Math.round(result.rawMergePerSecond)} ratio=${ratio.toFixed(3)}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
