// `npm run bench:insights [-- --customers 600] [-- --rate 200] [-- --seconds 20] [-- --burst 3000] [-- --reads 3000]`
// Every service runs as its own process (tools/seed/local-system.ts), each with its own database.
// 1. A synthetic population with known churn and conversion propensities (propensity-population.ts) is
//    ingested through the batch API; churn and conversion models are trained through trainModel on what
//    insights kept, and each run's hold-out figures are printed beside the oracle (the true
//    probabilities' AUC on the drawn outcomes): how much of the truth the models recover.
// 2. The churn model is promoted; touchpoints for these customers arrive at --rate per second for
//    --seconds: p99_update_ms is touchpoint accepted (batch answer) → its customer's prediction rescored
//    with it (the fact stored in insights and the score written at or after acceptance).
// 3. Throughput: a burst of --burst touchpoints; score_per_s is insights' customer.updated jobs
//    (record facts, features, consent, scores, band events) completed per second while it had a backlog.
// Baseline, same run, warmed: feature_read_per_s, reads of one customer's feature facts through the
// identity view (what every rescoring must read anyway) at the worker concurrency. ratio = score/read.
/* eslint-disable @nx/enforce-module-boundaries -- a benchmark drives the app's own store code and the seed tools directly; it is part of no app or lib. */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { INTERNAL_HEADER, signInternalToken } from '@c360/auth';
import { EVENTS, eventQueueName, QUEUES, type TouchpointInput } from '@c360/contracts';
import { connectMongo, createRedisConnection, CustomerIdentityView } from '@c360/service-kit';
import { testStack } from '@c360/testing';
import { Queue, QueueEvents } from 'bullmq';
import type { Connection } from 'mongoose';
import { rocAuc } from '../../apps/insights/src/domain/learning/classification-metrics';
import { FeatureFactsRepository } from '../../apps/insights/src/features/feature-facts.repository';
import { chunks, postBatches } from '../seed/batch-client';
import { LocalSystem } from '../seed/local-system';
import { propensityPopulation, type PropensityPerson } from '../seed/synthetic/propensity-population';

const DAY = 86_400_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const out = (line: string) => process.stdout.write(`${line}\n`);

function percentile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}

async function graphql<T>(system: LocalSystem, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const token = await signInternalToken({ subject: 'bench', roles: ['service'], scopes: [] }, system.secrets.INTERNAL_TOKEN_SECRET);
  const res = await fetch(`${system.url('insights')}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [INTERNAL_HEADER]: token },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data as T;
}

/** Until no job waits or runs in any queue of the system. */
async function drained(system: LocalSystem, timeoutMs = 600_000): Promise<void> {
  const connection = createRedisConnection(testStack().REDIS_URL);
  const names = [...Object.values(QUEUES), eventQueueName(EVENTS.customerUpdated, 'insights')];
  const queues = names.map((n) => new Queue(n, { connection, prefix: system.queuePrefix }));
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const counts = await Promise.all(queues.map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'prioritized')));
      if (counts.every((c) => Object.values(c).every((n) => n === 0))) return;
      if (Date.now() > deadline) throw new Error('queues did not drain');
      await sleep(500);
    }
  } finally {
    await Promise.all(queues.map((q) => q.close()));
    await connection.quit();
  }
}

type RunMetrics = { rocAuc: number | null; cvRocAuc: number | null; prAuc: number | null; brier: number | null; liftTopDecile: number | null };

async function train(
  system: LocalSystem,
  kind: 'CHURN' | 'CONVERSION',
  cutoff: Date,
): Promise<{ modelId: string; metrics: RunMetrics; split: string; seconds: number }> {
  const started = performance.now();
  const { trainModel } = await graphql<{ trainModel: { id: string } }>(
    system,
    `
      mutation ($c: DateTime!, $k: ModelKind!, $e: String) {
        trainModel(input: { kind: $k, cutoff: $c, horizonDays: 30, conversionEvent: $e }) {
          id
        }
      }
    `,
    { c: cutoff.toISOString(), k: kind, e: kind === 'CONVERSION' ? 'Order Completed' : null },
  );
  for (;;) {
    const { modelRun } = await graphql<{
      modelRun: {
        status: string;
        error: string | null;
        result: { split: { method: string; train: number; test: number }; metrics: RunMetrics; model: { id: string } } | null;
      };
    }>(
      system,
      `
        query ($id: ID!) {
          modelRun(id: $id) {
            status
            error
            result {
              split {
                method
                train
                test
              }
              metrics {
                rocAuc
                prAuc
                brier
                liftTopDecile
              }
              model {
                id
              }
            }
          }
        }
      `,
      { id: trainModel.id },
    );
    if (modelRun.status === 'FAILED') throw new Error(`training failed: ${modelRun.error}`);
    if (modelRun.result) {
      const s = modelRun.result.split;
      return {
        modelId: modelRun.result.model.id,
        metrics: modelRun.result.metrics,
        split: `${s.method}, train=${s.train} test=${s.test}`,
        seconds: (performance.now() - started) / 1000,
      };
    }
    await sleep(500);
  }
}

/** Touchpoints for existing customers, now. */
function freshTouchpoints(people: readonly PropensityPerson[], count: number, tag: string, phase: string): TouchpointInput[] {
  return Array.from({ length: count }, (_, i) => ({
    messageId: `bench-${tag}-${phase}-${i}`,
    type: 'track',
    event: 'Product Viewed',
    channel: 'web',
    occurredAt: new Date().toISOString(),
    identifiers: { email: (people[(i * 7919) % people.length] as PropensityPerson).email },
    properties: {},
  }));
}

/** Accepted → rescored, per touchpoint: its fact stored in insights and its customer's churn score written at or after acceptance. */
async function updateLatencies(db: Connection, accepted: Map<string, number>, timeoutMs: number): Promise<number[]> {
  const facts = db.collection<{ _id: string; touches: { m: string }[] }>('feature_facts');
  const scores = db.collection<{ _id: string; scoredAt: Date }>('prediction_scores');
  const latencies: number[] = [];
  const deadline = Date.now() + timeoutMs;
  while (accepted.size > 0 && Date.now() < deadline) {
    const pending = [...accepted.keys()];
    const wanted = new Set(pending);
    let stored: { _id: string; customerId: string }[];
    let scored: { _id: string; scoredAt: Date }[];
    try {
      const holders = await facts.find({ 'touches.m': { $in: pending } }, { projection: { 'touches.m': 1 } }).toArray();
      stored = holders.flatMap((h) => h.touches.filter((t) => wanted.has(t.m)).map((t) => ({ _id: t.m, customerId: h._id })));
      scored = await scores.find({ _id: { $in: [...new Set(stored.map((f) => `churn:${f.customerId}`))] } }, { projection: { scoredAt: 1 } }).toArray();
    } catch {
      // The local stand-in can fail a read racing a write ("Chunk … not found"): read again at the next poll.
      await sleep(100);
      continue;
    }
    const scoredAt = new Map(scored.map((s) => [s._id.slice('churn:'.length), new Date(s.scoredAt).getTime()]));
    const now = performance.timeOrigin + performance.now();
    for (const f of stored) {
      const at = accepted.get(f._id) as number;
      const s = scoredAt.get(f.customerId);
      if (s !== undefined && s >= at) {
        latencies.push(now - at);
        accepted.delete(f._id);
      }
    }
    await sleep(100);
  }
  return latencies;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      customers: { type: 'string', default: '600' },
      rate: { type: 'string', default: '200' },
      seconds: { type: 'string', default: '20' },
      burst: { type: 'string', default: '3000' },
      reads: { type: 'string', default: '3000' },
    },
  });
  const tag = `ib${randomBytes(4).toString('hex')}`;
  const system = new LocalSystem();
  const cutoff = new Date(Date.now() - 35 * DAY);
  const people = propensityPopulation({ seed: 42, customers: Number(values.customers), cutoff, horizonDays: 30, tag });
  await system.start();
  const insightsDb = await connectMongo(testStack().MONGODB_URI, system.databases.get('insights') as string);
  try {
    const token = await system.accessToken();
    const history = people.flatMap((p) => p.touchpoints);
    const seeded = await postBatches(system.url('touchpoint-store'), token, chunks(history, 500));
    await drained(system);
    out(
      `population customers=${people.length} touchpoints=${history.length} accepted=${seeded.accepted} churn_rate=${(people.filter((p) => p.churned).length / people.length).toFixed(3)}`,
    );

    const oracleChurn = rocAuc(
      people.map((p) => (p.churned ? 1 : 0)),
      people.map((p) => p.churnProbability),
    );
    const oracleConversion = rocAuc(
      people.map((p) => (p.converted ? 1 : 0)),
      people.map((p) => (1 - p.churnProbability) * p.conversionProbability),
    );
    const churn = await train(system, 'CHURN', cutoff);
    out(
      `synthetic churn: holdout_auc=${churn.metrics.rocAuc?.toFixed(3)} oracle_auc=${oracleChurn.toFixed(3)} pr_auc=${churn.metrics.prAuc?.toFixed(3)} brier=${churn.metrics.brier?.toFixed(4)} top_decile_lift=${churn.metrics.liftTopDecile?.toFixed(2)} (${churn.split}; ${churn.seconds.toFixed(1)} s)`,
    );
    const conversion = await train(system, 'CONVERSION', cutoff);
    out(
      `synthetic conversion: holdout_auc=${conversion.metrics.rocAuc?.toFixed(3)} oracle_auc=${oracleConversion.toFixed(3)} pr_auc=${conversion.metrics.prAuc?.toFixed(3)} brier=${conversion.metrics.brier?.toFixed(4)} (${conversion.split}; ${conversion.seconds.toFixed(1)} s)`,
    );
    await graphql(
      system,
      `
        mutation ($id: ID!) {
          promoteModel(modelId: $id) {
            id
          }
        }
      `,
      { id: churn.modelId },
    );

    // Warm the scoring path, then touchpoints at the target rate.
    await postBatches(system.url('touchpoint-store'), token, [freshTouchpoints(people, 200, tag, 'warm')]);
    await drained(system);
    const rate = Number(values.rate);
    const tick = 100;
    const accepted = new Map<string, number>();
    const steady = freshTouchpoints(people, rate * Number(values.seconds), tag, 'steady');
    const sends: Promise<void>[] = [];
    let sending = true;
    const started = performance.now();
    // Watched while sending: a touchpoint's latency is measured as soon as its customer is rescored.
    const watching = (async () => {
      const all: number[] = [];
      while (sending || (accepted.size > 0 && performance.now() - started < (Number(values.seconds) + 60) * 1000)) {
        all.push(...(await updateLatencies(insightsDb, accepted, 200)));
        await sleep(20);
      }
      return all;
    })();
    for (const [k, batch] of [...chunks(steady, Math.max(1, Math.round((rate * tick) / 1000)))].entries()) {
      const due = started + k * tick;
      if (due > performance.now()) await sleep(due - performance.now());
      sends.push(
        postBatches(system.url('touchpoint-store'), token, [batch]).then(() => {
          const at = performance.timeOrigin + performance.now();
          for (const t of batch) accepted.set(t.messageId, at);
        }),
      );
    }
    await Promise.all(sends);
    const offered = steady.length / ((performance.now() - started) / 1000);
    sending = false;
    const measured = await watching;
    // A touchpoint never seen rescored counts at the watch window's end: the percentiles are then lower bounds.
    const watchedMs = performance.now() - started;
    const latencies = [...measured, ...Array.from({ length: steady.length - measured.length }, () => watchedMs)];
    out(
      `steady rate=${rate}/s touchpoints=${steady.length} updated=${measured.length} p50_ms=${percentile(latencies, 0.5).toFixed(0)} p99_ms=${percentile(latencies, 0.99).toFixed(0)} (sent at ${offered.toFixed(0)}/s; not updated within 60 s after the last: ${steady.length - measured.length}, counted at ${watchedMs.toFixed(0)} ms)`,
    );
    await drained(system);

    // Throughput of rescoring: insights' customer.updated completions while it has a backlog.
    const connection = createRedisConnection(testStack().REDIS_URL);
    const events = new QueueEvents(eventQueueName(EVENTS.customerUpdated, 'insights'), { connection, prefix: system.queuePrefix });
    await events.waitUntilReady();
    const completions: number[] = [];
    events.on('completed', () => completions.push(performance.now()));
    await postBatches(system.url('touchpoint-store'), token, chunks(freshTouchpoints(people, Number(values.burst), tag, 'burst'), 500));
    await drained(system);
    await sleep(500);
    await events.close();
    connection.disconnect();
    // The middle 80% of completions: the backlog is building at the start and draining out at the end.
    const mid = completions.slice(Math.floor(completions.length * 0.1), Math.ceil(completions.length * 0.9));
    const scorePerS = (mid.length - 1) / (((mid.at(-1) as number) - (mid[0] as number)) / 1000);

    // Baseline: raw feature reads through the identity view at the worker concurrency (4), warmed.
    const facts = new FeatureFactsRepository(insightsDb);
    const identities = new CustomerIdentityView(insightsDb);
    const ids = (
      await insightsDb
        .collection('feature_vectors')
        .find({}, { projection: { _id: 1 } })
        .toArray()
    ).map((d) => String(d._id));
    const read = async (n: number) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next < n) {
            const id = ids[(next++ * 7919) % ids.length] as string;
            await facts.factsOf(await identities.expand(id));
          }
        }),
      );
    };
    await read(200);
    const readStarted = performance.now();
    await read(Number(values.reads));
    const readPerS = Number(values.reads) / ((performance.now() - readStarted) / 1000);
    out(
      `rescoring: customer updates scored=${completions.length} over the burst of ${values.burst} touchpoints; baseline: ${values.reads} feature reads of ${ids.length} customers at concurrency 4`,
    );
    out(
      `score_per_s=${scorePerS.toFixed(0)} feature_read_per_s=${readPerS.toFixed(0)} ratio=${(scorePerS / readPerS).toFixed(3)} p99_update_ms=${percentile(latencies, 0.99).toFixed(0)}`,
    );
  } finally {
    await insightsDb.close();
    await system.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
