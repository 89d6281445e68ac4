import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { INTERNAL_HEADER, signInternalToken } from '@c360/auth';
import { QUEUES } from '@c360/contracts';
import { TEST_SECRET, testStack, uniqueName, waitFor } from '@c360/testing';
import { GraphQLError } from 'graphql';
import { createLogger } from './logger';
import { createMetricsRegistry } from './metrics';
import { createQueue, createWorker } from './queue';
import { createRedisConnection, type RedisClient } from './redis-connection';
import { runService, type RunningService } from './service-runner';

const SCHEMA = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
type Query { echo(value: String): String refuse: String }`;

// Values a person could have typed: none may reach a metric.
const EMAIL = `${uniqueName('person')}@example.com`;
const PHONE = '+44 7700 900123';

let service: RunningService;
let redis: RedisClient;
let token: string;
// Any versioned queue: the prefix below keeps it this test's own.
const queueName = QUEUES.touchpointIngest;
const ctx = { connection: undefined as unknown as RedisClient, prefix: uniqueName('m') };

beforeAll(async () => {
  redis = createRedisConnection(testStack().REDIS_URL);
  ctx.connection = redis;
  const schemaPath = path.join(mkdtempSync(path.join(tmpdir(), 'c360-metrics-')), 'schema.graphql');
  writeFileSync(schemaPath, SCHEMA);
  const logger = createLogger('metrics-test', 'silent');
  const worker = createWorker<{ email: string; fail: boolean }>(
    ctx,
    queueName,
    async (job) => {
      if (job.data.fail) throw new Error(`cannot process ${job.data.email}`);
    },
    { logger },
  );
  service = await runService({
    host: '127.0.0.1',
    port: 0,
    logger,
    internalTokenSecret: TEST_SECRET,
    readiness: [],
    schemaPath,
    resolvers: {
      Query: {
        echo: (_: unknown, { value }: { value?: string }) => value ?? null,
        refuse: () => {
          throw new GraphQLError('no', { extensions: { code: 'FORBIDDEN' } });
        },
      },
    },
    metrics: createMetricsRegistry('metrics-test'),
    routes: (app) => app.get('/things/:id', (_req, res) => res.json({ ok: true })),
    workers: [worker],
    resources: [],
  });
  token = await signInternalToken({ subject: 'metrics-test', roles: ['service'], scopes: [] }, TEST_SECRET);
});

afterAll(async () => {
  await service.close();
  await redis.quit();
});

const graphql = (body: object) =>
  fetch(`${service.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', [INTERNAL_HEADER]: token }, body: JSON.stringify(body) });

async function scrape(): Promise<string> {
  const res = await fetch(`${service.url}/metrics`);
  expect(res.status).toBe(200);
  return res.text();
}

/** The value of the series of this name with these labels (and the service's), in Prometheus' text format. */
function valueOf(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries({ ...labels, service: 'metrics-test' }).map(([k, v]) => `${k}="${v}"`);
  const line = text.split('\n').find((l) => {
    const match = /^([a-z_0-9]+)\{(.*)\} /.exec(l);
    return match?.[1] === name && wanted.every((pair) => match[2]!.split(',').includes(pair)) && match[2]!.split(',').length === wanted.length;
  });
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : NaN;
}

describe('every service /metrics', () => {
  it('counts GraphQL operations by name and outcome, and errors by code', async () => {
    await graphql({ query: 'query Echo($v: String) { echo(value: $v) }', variables: { v: EMAIL }, operationName: 'Echo' });
    await graphql({ query: 'query Echo($v: String) { echo(value: $v) }', variables: { v: PHONE }, operationName: 'Echo' });
    await graphql({ query: 'query Refuse { refuse }' });
    const text = await scrape();
    expect(valueOf(text, 'c360_graphql_operation_duration_seconds_count', { operation: 'Echo', type: 'query', outcome: 'ok' })).toBe(2);
    expect(valueOf(text, 'c360_graphql_operation_duration_seconds_count', { operation: 'Refuse', type: 'query', outcome: 'error' })).toBe(1);
    expect(valueOf(text, 'c360_graphql_errors_total', { operation: 'Refuse', code: 'FORBIDDEN' })).toBe(1);
  });

  it('records a route by its template, never by the path a client sent', async () => {
    await fetch(`${service.url}/things/${encodeURIComponent(EMAIL)}`);
    await fetch(`${service.url}/nothing/${encodeURIComponent(PHONE)}`);
    const text = await scrape();
    expect(valueOf(text, 'c360_http_request_duration_seconds_count', { method: 'GET', route: '/things/:id', status: '2xx' })).toBe(1);
    expect(valueOf(text, 'c360_http_request_duration_seconds_count', { method: 'GET', route: 'unmatched', status: '4xx' })).toBe(1);
  });

  it('times jobs by outcome and counts the dead letters of the queues it consumes', async () => {
    const queue = createQueue<{ email: string; fail: boolean }>(ctx, queueName);
    await queue.add('ok', { email: EMAIL, fail: false });
    await queue.add('bad', { email: EMAIL, fail: true }, { attempts: 1 });
    await waitFor(async () => (await queue.getJobCountByTypes('failed')) === 1, 10_000, 'the failing job to run out of attempts');
    await waitFor(
      async () => valueOf(await scrape(), 'c360_job_duration_seconds_count', { queue: queueName, outcome: 'completed' }) === 1,
      10_000,
      'the completed job to be timed',
    );
    const text = await scrape();
    expect(valueOf(text, 'c360_queue_jobs', { queue: queueName, state: 'failed' })).toBe(1);
    expect(valueOf(text, 'c360_queue_jobs', { queue: queueName, state: 'waiting' })).toBe(0);
    expect(valueOf(text, 'c360_job_duration_seconds_count', { queue: queueName, outcome: 'failed' })).toBe(1);
    await queue.close();
  });

  it('keeps client-invented operation names and personal values out of every label', async () => {
    await graphql({ query: `query { echo(value: "${EMAIL}") }` });
    await graphql({ query: 'query X { echo }', operationName: EMAIL });
    const text = await scrape();
    for (const personal of [EMAIL, PHONE, encodeURIComponent(EMAIL), EMAIL.split('@')[0]]) expect(text).not.toContain(personal);
  });
});
