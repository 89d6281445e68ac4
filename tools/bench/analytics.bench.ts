// `npm run bench:analytics [-- --touchpoints <n>] [-- --runs <n>] [-- --seed <n>]`
// Latency of a 4-step funnel, a paths query and a cohort query over the synthetic seed set
// (default one million touchpoints), through the same repository the GraphQL resolvers call.
// Loads the set into its own database if absent (touchpoints stored as if identity resolution had
// linked each to its ground-truth person) and builds the journey timelines the queries read, as an
// upgrade would; then runs each query `runs` times and reports the median.
// Baseline in the same run: a plain $count over the same collection (the cost of one full scan).
// MONGODB_URI chooses the server. Without it, sets up to LOCAL_SAFE_LIMIT use the shared local
// server, and larger ones a private one this bench starts (infra/local/stack.sh with
// STACK_SERVERS=mongo, data in .data/bench-analytics, BENCH_MONGO_PORT 27117) and stops: FerretDB by
// default, whose data stays on disk so later runs skip the load; with MONGO_ENGINE=java the Java
// imitation, which keeps whole aggregations in its heap (BENCH_MONGO_HEAP, 6g) and its data in memory
// (3-7 times faster scans than its file store at 100k), so the set is loaded afresh each run.
/* eslint-disable @nx/enforce-module-boundaries -- a benchmark drives the app's own store code and the seed generator directly; it is part of no app or lib. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { connectMongo } from '@c360/service-kit';
import { AnalyticsRepository } from '../../apps/touchpoint-store/src/store/analytics.repository';
import { toStoredTouchpoint, TouchpointRepository } from '../../apps/touchpoint-store/src/store/touchpoint.repository';
import { chunks } from '../seed/batch-client';
import { customersFor, GENERATOR_VERSION, syntheticTouchpoints } from '../seed/synthetic/journeys';

const DAY = 24 * 3600_000;
const LOCAL_SAFE_LIMIT = 20_000;
const START = new Date(Date.UTC(2025, 0, 6));

async function ensureLoaded(repo: TouchpointRepository, seed: number, touchpoints: number): Promise<void> {
  // An exact count: DocumentDB's estimatedDocumentCount is PostgreSQL's row estimate, never quite the set's size.
  const present = await repo.model.countDocuments({});
  if (present === touchpoints && (await repo.timelines.model.estimatedDocumentCount()) > 0)
    return void process.stdout.write(`seed set present: ${present} touchpoints\n`);
  if (present > 0) await repo.model.deleteMany({});
  const started = Date.now();
  let loaded = 0;
  const docs = (function* () {
    for (const { touchpoint, personKey } of syntheticTouchpoints({ seed, customers: customersFor(touchpoints), maxTouchpoints: touchpoints })) {
      yield { ...toStoredTouchpoint(touchpoint, new Date(touchpoint.occurredAt)), customerId: personKey };
    }
  })();
  for (const chunk of chunks(docs, 5_000)) {
    await repo.model.collection.insertMany(chunk as never[], { ordered: false });
    loaded += chunk.length;
    if (loaded % 100_000 === 0) process.stdout.write(`  loaded ${loaded} (${Math.round(loaded / ((Date.now() - started) / 1000))}/s)\n`);
  }
  process.stdout.write(`seed set loaded: ${loaded} touchpoints in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  // Loaded already linked, so the journey timelines are built the way an upgrade builds them.
  const built = Date.now();
  await repo.timelines.rebuild(repo.model);
  process.stdout.write(
    `journey timelines built: ${await repo.timelines.model.estimatedDocumentCount()} customers in ${((Date.now() - built) / 1000).toFixed(1)} s\n`,
  );
}

const root = path.resolve(__dirname, '../..');

/** Starts or stops the private stand-in through the stack script, which waits until it answers. */
function privateStandIn(command: 'start' | 'stop', port: string): void {
  const env = {
    ...process.env,
    STACK_SERVERS: 'mongo',
    C360_DATA_DIR: path.join(root, '.data/bench-analytics'),
    MONGO_PORT: port,
    MONGO_DATA_FILE: ':memory:',
    MONGO_HEAP: process.env['BENCH_MONGO_HEAP'] ?? '6g',
  };
  execFileSync('bash', [path.join(root, 'infra/local/stack.sh'), command], { env, stdio: ['ignore', 'inherit', 'inherit'] });
}

async function median(runs: number, query: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await query();
    times.push(performance.now() - t0);
  }
  return Math.round(times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? NaN);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { touchpoints: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '3' }, seed: { type: 'string', default: '1' } },
  });
  const [touchpoints, runs, seed] = [Number(values.touchpoints), Number(values.runs), Number(values.seed)];
  const privatePort = process.env['MONGODB_URI'] === undefined && touchpoints > LOCAL_SAFE_LIMIT ? (process.env['BENCH_MONGO_PORT'] ?? '27117') : null;
  if (privatePort) privateStandIn('start', privatePort);
  const uri = process.env['MONGODB_URI'] ?? `mongodb://127.0.0.1:${privatePort ?? '27017'}`;
  try {
    await measure(uri, touchpoints, runs, seed);
  } finally {
    if (privatePort) privateStandIn('stop', privatePort);
  }
}

async function measure(uri: string, touchpoints: number, runs: number, seed: number): Promise<void> {
  const mongo = await connectMongo(uri, `c360_bench_analytics_g${GENERATOR_VERSION}_s${seed}_n${touchpoints}`);
  try {
    const repo = new TouchpointRepository(mongo);
    await repo.ensureIndexes();
    await ensureLoaded(repo, seed, touchpoints);
    const analytics = new AnalyticsRepository(repo.timelines.model);
    const year = { from: START, to: new Date(START.getTime() + 364 * DAY) };
    const scan = await median(runs, () => repo.model.aggregate([{ $match: { customerId: { $ne: null } } }, { $count: 'n' }]));
    const funnelSteps = ['Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed'];
    const funnel = await median(runs, () => analytics.funnel({ steps: funnelSteps, withinMs: 7 * DAY, ...year, by: 'channel' }));
    const paths = await median(runs, () => analytics.paths({ to: 'Order Completed', from: null, maxLength: 5, top: 10, since: year.from, until: year.to }));
    const cohort = await median(runs, () => analytics.cohorts({ from: START, to: new Date(START.getTime() + 12 * 7 * DAY), weeks: 8 }));
    const f = await analytics.funnel({ steps: funnelSteps, withinMs: 7 * DAY, ...year, by: 'channel' });
    process.stdout.write(`funnel steps: ${f.steps.map((s) => `${s.name}=${s.count}`).join(', ')}\n`);
    const ratio = (ms: number) => (ms / scan).toFixed(2);
    process.stdout.write(
      `touchpoints=${touchpoints} runs=${runs} full_scan_count_ms=${scan} (baseline) funnel/scan=${ratio(funnel)} paths/scan=${ratio(paths)} cohort/scan=${ratio(cohort)}\n`,
    );
    process.stdout.write(`funnel_ms=${funnel} paths_ms=${paths} cohort_ms=${cohort}\n`);
  } finally {
    await mongo.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
