// `npm run bench:ingest [-- --touchpoints <n>] [-- --concurrency <n>] [-- --worker-concurrency <n>] [-- --bad <fraction>]`
// --bad mixes that share of items intake must refuse (bad-touchpoints.ts); the run ends with the
// reconciliation of its batches as an operator reads it (recentIngestReconciliations).
// End-to-end ingest rate: synthetic touchpoints POSTed in batches of 500 to touchpoint-store's
// /v1/batch, timed until every one is stored AND linked to a customer by identity-graph (the last
// link job's completion; the store is then counted to confirm what is reported) (both
// started as processes against the local stack, with their own database, queue prefix and
// identifiers). Baseline in the same run: raw insertMany of the same number of stored documents
// into the same collection, in the same batch size. Cleans up its database, Neo4j nodes and Redis keys.
/* eslint-disable @nx/enforce-module-boundaries -- a benchmark drives the app's own store code and the seed generator directly; it is part of no app or lib. */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { INTERNAL_HEADER, signAccessToken, signInternalToken } from '@c360/auth';
import { QUEUES, type TouchpointInput } from '@c360/contracts';
import { connectMongo, createRedisConnection, type RedisClient } from '@c360/service-kit';
import { dropDatabase, freePort, ServiceProcess, testStack } from '@c360/testing';
import { QueueEvents } from 'bullmq';
import neo4j from 'neo4j-driver';
import { toStoredTouchpoint, TouchpointRepository } from '../../apps/touchpoint-store/src/store/touchpoint.repository';
import { chunks, postBatches } from '../seed/batch-client';
import { customersFor, syntheticTouchpoints } from '../seed/synthetic/journeys';
import { mixInBadItems } from './bad-touchpoints';

const BATCH = 500;

/** Tags every identifier with the run, so this run's customers are its own and can be removed after. */
function tagged(t: TouchpointInput, tag: string): TouchpointInput {
  const ids = Object.fromEntries(
    Object.entries(t.identifiers).flatMap(([type, value]): [string, string][] => {
      if (value === undefined || type === 'phone') return [];
      if (type === 'email') return [[type, value.replace('@', `.${tag}@`)]];
      return [[type, `${value}-${tag}`]];
    }),
  );
  if (Object.keys(ids).length === 0) ids['crmId'] = `phone-only-${t.identifiers.phone}-${tag}`;
  return { ...t, messageId: `${t.messageId}-${tag}`, identifiers: ids };
}

/**
 * Removes what the run left in Neo4j: its touchpoints (message ids end with the tag), every customer
 * they went to and what was recorded about those (merges, reviews, conflicts), its identifiers, and
 * the blocks it left empty. Left behind, touchpoints would keep growing the shared blocks, and
 * every later run would read them as candidates.
 */
async function cleanNeo4j(tag: string): Promise<void> {
  const stack = testStack();
  const driver = neo4j.driver(stack.NEO4J_URI, stack.NEO4J_PASSWORD ? neo4j.auth.basic(stack.NEO4J_USER, stack.NEO4J_PASSWORD) : undefined);
  const params = { tag, suffix: `-${tag}` };
  try {
    const blocks = await driver.executeQuery(
      'MATCH (t:Touchpoint)-[:IN_BLOCK]->(b:Block) WHERE t.messageId ENDS WITH $suffix RETURN collect(DISTINCT b.key) AS keys',
      params,
    );
    await driver.executeQuery(
      `MATCH (t:Touchpoint) WHERE t.messageId ENDS WITH $suffix
       OPTIONAL MATCH (holder:Customer)-[:HAS_TOUCHPOINT]->(t)
       WITH collect(DISTINCT holder.id) + collect(DISTINCT t.origin) AS ids
       UNWIND ids AS id
       MATCH (c:Customer {id: id})
       OPTIONAL MATCH (c)--(x) WHERE x:Merge OR x:Review OR x:Conflict OR x:Split
       WITH collect(DISTINCT c) + collect(DISTINCT x) AS nodes
       UNWIND nodes AS n DETACH DELETE n`,
      params,
    );
    const session = driver.session();
    try {
      await session.run('MATCH (i:Identifier) WHERE i.key CONTAINS $tag CALL (i) { DETACH DELETE i } IN TRANSACTIONS OF 5000 ROWS', params);
      await session.run('MATCH (t:Touchpoint) WHERE t.messageId ENDS WITH $suffix CALL (t) { DETACH DELETE t } IN TRANSACTIONS OF 5000 ROWS', params);
    } finally {
      await session.close();
    }
    await driver.executeQuery('UNWIND $keys AS key MATCH (b:Block {key: key}) WHERE NOT (b)<-[:IN_BLOCK]-() DELETE b', {
      keys: blocks.records[0]?.get('keys') ?? [],
    });
  } finally {
    await driver.close();
  }
}

async function cleanRedis(prefix: string): Promise<void> {
  const redis = createRedisConnection(testStack().REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}

type Reconciled = { accepted: number; stored: number; linked: number; notStored: number; notLinked: number; gap: number };

/** Every batch of the run reconciled by the store (the run has its own database), summed. */
async function reconciliation(url: string, internalSecret: string): Promise<Reconciled & { batches: number }> {
  const query = '{ recentIngestReconciliations(first: 500) { accepted stored linked notStored notLinked gap } }';
  const token = await signInternalToken({ subject: 'bench', roles: ['service'], scopes: [] }, internalSecret);
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [INTERNAL_HEADER]: token },
    body: JSON.stringify({ query }),
  });
  const rows = ((await res.json()) as { data: { recentIngestReconciliations: Reconciled[] } }).data.recentIngestReconciliations;
  const sum = (k: keyof Reconciled) => rows.reduce((n, r) => n + r[k], 0);
  return {
    batches: rows.length,
    accepted: sum('accepted'),
    stored: sum('stored'),
    linked: sum('linked'),
    notStored: sum('notStored'),
    notLinked: sum('notLinked'),
    gap: sum('gap'),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      touchpoints: { type: 'string', default: '5000' },
      concurrency: { type: 'string', default: '4' },
      'worker-concurrency': { type: 'string' },
      seed: { type: 'string', default: '11' },
      bad: { type: 'string', default: '0' },
    },
  });
  const total = Number(values.touchpoints);
  const tag = `b${randomBytes(4).toString('hex')}`;
  const stack = testStack();
  const secrets = {
    INTERNAL_TOKEN_SECRET: randomBytes(32).toString('hex'),
    ACCESS_TOKEN_SECRET: randomBytes(32).toString('hex'),
    SUPPRESSION_SECRET: randomBytes(32).toString('hex'),
  };
  const env = {
    ...stack,
    ...secrets,
    QUEUE_PREFIX: `bench-${tag}`,
    MONGODB_DB: `c360_bench_ingest_${tag}`,
    LOG_LEVEL: 'warn',
    ...(values['worker-concurrency'] ? { WORKER_CONCURRENCY: values['worker-concurrency'] } : {}),
  };
  const synthetic = [...syntheticTouchpoints({ seed: Number(values.seed), customers: customersFor(total), maxTouchpoints: total })].map((s) =>
    tagged(s.touchpoint, tag),
  );
  const { items, bad } = mixInBadItems(synthetic, Number(values.bad));

  const identity = new ServiceProcess('identity-graph', await freePort(), env);
  const store = new ServiceProcess('touchpoint-store', await freePort(), env);
  await identity.start(90_000);
  await store.start(90_000);
  const services = [identity, store];
  const mongo = await connectMongo(stack.MONGODB_URI, env.MONGODB_DB);
  try {
    const touchpoints = new TouchpointRepository(mongo);
    const token = await signAccessToken(
      { subject: 'bench', roles: ['service'], scopes: [] },
      { secret: secrets.ACCESS_TOKEN_SECRET, issuer: 'c360-local', audience: 'c360' },
    );

    // Progress and times come from the workers' job completions (BullMQ queue events), so the bench
    // adds no load while it waits on the servers it measures.
    const eventsConnections: RedisClient[] = [];
    const eventsOf = (queue: string) => {
      const connection = createRedisConnection(stack.REDIS_URL);
      eventsConnections.push(connection);
      return new QueueEvents(queue, { connection, prefix: env.QUEUE_PREFIX });
    };
    const [ingestEvents, linkEvents] = [eventsOf(QUEUES.touchpointIngest), eventsOf(QUEUES.touchpointLink)];
    await Promise.all([ingestEvents.waitUntilReady(), linkEvents.waitUntilReady()]);
    let [lastStoreJobAt, lastLinkJobAt, linkedByJobs] = [NaN, NaN, 0];
    ingestEvents.on('completed', () => {
      lastStoreJobAt = performance.now();
    });
    linkEvents.on('completed', ({ returnvalue }) => {
      const result = (typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue) as { linked?: number } | null;
      [lastLinkJobAt, linkedByJobs] = [performance.now(), linkedByJobs + (result?.linked ?? 0)];
    });
    const started = performance.now();
    const batches = [...chunks(items, BATCH)];
    const lanes = Array.from({ length: Number(values.concurrency) }, (_, lane) =>
      postBatches(
        store.url,
        token,
        batches.filter((_, i) => i % Number(values.concurrency) === lane),
      ),
    );
    const receipts = await Promise.all(lanes);
    const accepted = receipts.reduce((n, r) => n + r.accepted, 0);
    const rejected = receipts.reduce((n, r) => n + r.rejected, 0);
    // Until the link jobs report every accepted touchpoint, or none completes for 20 s (an item whose
    // every identifier is unusable is stored but never linked).
    while (linkedByJobs < accepted && performance.now() - (Number.isNaN(lastLinkJobAt) ? started : lastLinkJobAt) < 20_000) {
      await new Promise((r) => setTimeout(r, 100));
    }
    await Promise.all([ingestEvents.close(), linkEvents.close()]);
    for (const connection of eventsConnections) connection.disconnect();
    // What the store holds is the figure reported, whatever the jobs said.
    const [row] = await touchpoints.model.aggregate<{ stored: number; linked: number }>([
      { $group: { _id: null, stored: { $sum: 1 }, linked: { $sum: { $cond: [{ $eq: ['$customerId', null] }, 0, 1] } } } },
    ]);
    const [stored, linked] = [row?.stored ?? 0, row?.linked ?? 0];
    const [storedSeconds, ingestSeconds] = [(lastStoreJobAt - started) / 1000, (lastLinkJobAt - started) / 1000];
    const r = await reconciliation(store.url, secrets.INTERNAL_TOKEN_SECRET);
    process.stdout.write(
      `reconciliation batches=${r.batches} sent=${items.length} bad_mixed_in=${bad} rejected=${rejected} accepted=${r.accepted} stored=${r.stored} linked=${r.linked} not_stored=${r.notStored} not_linked=${r.notLinked} gap=${r.gap}\n`,
    );

    // The baseline inserts the good items only: a bad one (a NUL in a key) fails a raw insertMany outright.
    const raw = synthetic.map((t) => ({ ...toStoredTouchpoint({ ...t, messageId: `raw-${t.messageId}` }, new Date()), customerId: 'raw' }));
    const rawStarted = performance.now();
    for (const chunk of chunks(raw, BATCH)) await touchpoints.model.collection.insertMany(chunk as never[], { ordered: false });
    const rawSeconds = (performance.now() - rawStarted) / 1000;

    const ingestPerS = Math.round(linked / ingestSeconds);
    const rawPerS = Math.round(raw.length / rawSeconds);
    process.stdout.write(
      `touchpoints=${total} accepted=${accepted} stored=${stored} linked=${linked} quarantined+rejected=${total - accepted} all_stored_after_s=${storedSeconds.toFixed(1)} all_linked_after_s=${ingestSeconds.toFixed(1)} raw_seconds=${rawSeconds.toFixed(1)}\n`,
    );
    process.stdout.write(`ingest_per_s=${ingestPerS} raw_insert_per_s=${rawPerS} ratio=${(ingestPerS / rawPerS).toFixed(3)}\n`);
  } finally {
    await Promise.all(services.map((s) => s.stop()));
    await mongo.close();
    await dropDatabase(stack.MONGODB_URI, env.MONGODB_DB);
    await cleanNeo4j(tag);
    await cleanRedis(env.QUEUE_PREFIX);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
