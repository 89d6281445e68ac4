import { IdentifierRegistry } from '@c360/identifiers';
import { createLogger } from '@c360/service-kit';
import type { Driver } from 'neo4j-driver';
import { emptyPrivateDatabase, rawMergeBatch, type RawRow } from './raw-merge-baseline';
import { DEFAULT_MATCH_MODEL, createFellegiSunterMatcher, rulesFrom, IdentityRepository, toResolveRequest } from './identity-graph.imports';

export interface BenchOptions {
  /** An empty database of the benchmark's own (private-neo4j.ts): it is emptied between phases. */
  driver: Driver;
  touchpoints: number;
  people: number;
  concurrency: number;
  batchSize: number;
  progress: (line: string) => void;
}

export interface BenchResult {
  resolvePerSecond: number;
  rawMergePerSecond: number;
}

type BenchTouchpoint = { messageId: string; person: number; identifiers: { type: string; value: string }[] };

/**
 * A web/app-like stream: each person has an email, a device and cookies; each touchpoint carries one
 * to three of them, so most touchpoints attach to a known customer and some merge two.
 */
function syntheticStream(touchpoints: number, people: number): BenchTouchpoint[] {
  let seed = 42;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: touchpoints }, (_, i) => {
    const person = Math.floor(random() * people);
    const pool = [
      { type: 'email', value: `p${person}@example.com` },
      { type: 'deviceId', value: `dev-${person}` },
      { type: 'cookieId', value: `ck-${person}-${Math.floor(random() * 3)}` },
    ];
    const identifiers = pool.filter(() => random() < 0.5);
    return { messageId: `tp-${i}`, person, identifiers: identifiers.length > 0 ? identifiers : pool.slice(2) };
  });
}

async function timed(run: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await run();
  return (performance.now() - started) / 1000;
}

type Repository = InstanceType<typeof IdentityRepository>;
type Requests = NonNullable<ReturnType<typeof toResolveRequest>>[];

/** Seconds to resolve the requests as the worker does: job-sized batches, `concurrency` jobs at a time. */
async function resolveAll(repository: Repository, requests: Requests, options: BenchOptions): Promise<number> {
  let next = 0;
  let done = 0;
  return timed(async () => {
    const worker = async () => {
      for (let start = next; start < requests.length; start = next) {
        next += options.batchSize;
        const batch = requests.slice(start, start + options.batchSize);
        await repository.resolveBatch(batch);
        done += batch.length;
        if (done % 1000 < batch.length) options.progress(`resolved ${done}/${requests.length}`);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  });
}

/** Seconds to write the same data raw; the baseline knows the answer (the person) and so skips resolution entirely. */
async function mergeRaw(driver: Driver, stream: readonly BenchTouchpoint[], requests: Requests): Promise<number> {
  const rows: RawRow[] = stream.map((t, i) => ({
    customerId: `c${t.person}`,
    messageId: t.messageId,
    keys: (requests[i]?.identifiers ?? []).map((id) => id.key),
  }));
  return timed(async () => {
    for (let i = 0; i < rows.length; i += 500) await rawMergeBatch(driver, rows.slice(i, i + 500));
  });
}

/**
 * Resolution throughput through the one resolution engine, as the resolve-identity worker calls it
 * (its request mapping, then `resolveBatch` per job-sized batch, several jobs at a time), beside a
 * raw batched MERGE of the same data, in one run.
 */
export async function runIdentityBench(options: BenchOptions): Promise<BenchResult> {
  const registry = new IdentifierRegistry({ defaultRegion: 'US' });
  const repository = new IdentityRepository(options.driver, { rules: rulesFrom(registry), matcher: createFellegiSunterMatcher(DEFAULT_MATCH_MODEL) });
  const deps = { registry, logger: createLogger('identity-bench', 'silent') };
  await repository.ensureSchema();
  const stream = syntheticStream(options.touchpoints, options.people);
  const requests = stream.flatMap(
    (t) => toResolveRequest({ messageId: t.messageId, channel: 'web', occurredAt: '2026-01-01T00:00:00Z', identifiers: t.identifiers }, deps) ?? [],
  );
  const phases = async () => {
    const resolveSeconds = await resolveAll(repository, requests, options);
    await emptyPrivateDatabase(options.driver);
    const rawSeconds = await mergeRaw(options.driver, stream, requests);
    await emptyPrivateDatabase(options.driver);
    return { resolveSeconds, rawSeconds };
  };
  // The private server starts cold (its JIT, its query caches): one unmeasured round first, so
  // neither phase is timed on a colder server than the other.
  options.progress('warm-up round (not measured)');
  await phases();
  const { resolveSeconds, rawSeconds } = await phases();
  options.progress(`raw UNWIND…MERGE of ${stream.length} touchpoints in ${rawSeconds.toFixed(2)} s`);
  return { resolvePerSecond: requests.length / resolveSeconds, rawMergePerSecond: stream.length / rawSeconds };
}
