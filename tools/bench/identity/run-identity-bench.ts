import { IdentifierRegistry } from '@c360/identifiers';
import { createLogger } from '@c360/service-kit';
import type { Driver } from 'neo4j-driver';
import { emptyPrivateDatabase, rawMergeBatch, type RawRow } from './raw-merge-baseline';
import { DEFAULT_MATCH_MODEL, createFellegiSunterMatcher, rulesFrom, IdentityRepository, toResolveRequest } from './identity-graph.imports';

export interface BenchOptions {
  /** An empty database of the benchmark's own (private-neo4j.ts): it is emptied between the two phases. */
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
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
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
  const requests = stream.flatMap((t) => toResolveRequest({ messageId: t.messageId, channel: 'web', occurredAt: '2026-01-01T00:00:00Z', identifiers: t.identifiers }, deps) ?? []);

  let next = 0;
  let done = 0;
  const resolveSeconds = await timed(async () => {
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
  await emptyPrivateDatabase(options.driver);

  // The raw baseline knows the answer (the person) and so skips resolution entirely.
  const rows: RawRow[] = stream.map((t, i) => ({ customerId: `c${t.person}`, messageId: t.messageId, keys: (requests[i]?.identifiers ?? []).map((id) => id.key) }));
  const rawSeconds = await timed(async () => {
    for (let i = 0; i < rows.length; i += 500) await rawMergeBatch(options.driver, rows.slice(i, i + 500));
  });
  options.progress(`raw UNWIND…MERGE of ${rows.length} touchpoints in ${rawSeconds.toFixed(2)} s`);
  return { resolvePerSecond: requests.length / resolveSeconds, rawMergePerSecond: rows.length / rawSeconds };
}
