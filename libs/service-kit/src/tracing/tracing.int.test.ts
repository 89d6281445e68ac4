import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { INTERNAL_HEADER, signInternalToken } from '@c360/auth';
import { QUEUES } from '@c360/contracts';
import { TEST_SECRET, testStack, uniqueName, waitFor } from '@c360/testing';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { UnrecoverableError, type Job, type Worker } from 'bullmq';
import { createLogger } from '../logger';
import { createMetricsRegistry } from '../metrics';
import { createQueue, createWorker } from '../queue';
import { createRedisConnection, type RedisClient } from '../redis-connection';
import { runService, type RunningService } from '../service-runner';
import { registerTracing, type Tracing } from './tracer';

// One service in this process, its spans kept in memory: an HTTP request whose GraphQL mutation queues
// a job, whose worker queues another, on the real Redis. Every span must land in the caller's trace.
const SCHEMA = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
type Query { ping: Boolean }
type Mutation { enqueue(email: String!): Boolean }`;

// Three versioned queues of no particular meaning here; the prefix keeps them this test's own.
const FIRST = QUEUES.touchpointIngest;
const SECOND = QUEUES.identityResolve;
const POISON = QUEUES.touchpointLink;
const SECRET_EMAIL = 'ada.tracing@example.com';
const CALLER_TRACE = '0af7651916cd43dd8448eb211c80319c';
const CALLER_SPAN = 'b7ad6b7169203331';

const exporter = new InMemorySpanExporter();
const logLines: string[] = [];
let tracing: Tracing;
let redis: RedisClient;
let service: RunningService;
let workers: Worker[];
let token: string;
let firstJobData: unknown;

beforeAll(async () => {
  tracing = registerTracing('kit-tracing-test', new SimpleSpanProcessor(exporter));
  redis = createRedisConnection(testStack().REDIS_URL);
  const queues = { connection: redis, prefix: uniqueName('trace') };
  const first = createQueue<{ items: { email: string }[] }>(queues, FIRST);
  const second = createQueue<{ items: { n: number }[] }>(queues, SECOND);
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) => logLines.push(...chunk.toString().split('\n').filter(Boolean)));
  const logger = createLogger('kit-tracing-test', 'info', logStream);
  workers = [
    createWorker(
      queues,
      FIRST,
      async (job: Job) => {
        firstJobData = job.data;
        await second.addBulk([{ name: 'next', data: { items: [{ n: 1 }, { n: 2 }] } }]);
      },
      { logger },
    ),
    createWorker(
      queues,
      SECOND,
      async () => {
        logger.info('second job done');
      },
      { logger },
    ),
    createWorker(
      queues,
      POISON,
      async () => {
        throw new UnrecoverableError(`refused ${SECRET_EMAIL}`);
      },
      { logger },
    ),
  ];
  const poison = createQueue(queues, POISON);
  const schemaPath = path.join(mkdtempSync(path.join(tmpdir(), 'c360-trace-')), 'schema.graphql');
  writeFileSync(schemaPath, SCHEMA);
  service = await runService({
    host: '127.0.0.1',
    port: 0,
    logger,
    internalTokenSecret: TEST_SECRET,
    readiness: [],
    schemaPath,
    metrics: createMetricsRegistry('trace-test'),
    resolvers: {
      Query: { ping: () => true },
      Mutation: {
        enqueue: async (_: unknown, { email }: { email: string }) => {
          if (email === 'poison') await poison.add('bad', { items: [{ email: SECRET_EMAIL }] });
          else await first.add('first', { items: [{ email }] });
          return true;
        },
      },
    },
    workers,
    resources: [{ name: 'queues', close: () => Promise.all([first.close(), second.close(), poison.close()]) }],
  });
  token = await signInternalToken({ subject: 'kit-test', roles: ['service'], scopes: [] }, TEST_SECRET);
});

afterAll(async () => {
  await service.close();
  await redis.quit();
  await tracing.shutdownStep.close();
});

async function post(body: object, headers: Record<string, string> = {}) {
  const res = await fetch(`${service.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [INTERNAL_HEADER]: token, ...headers },
    body: JSON.stringify(body),
  });
  return res.json();
}

const spansOf = (traceId: string) => exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
const named = (spans: ReadableSpan[], name: string) => {
  const span = spans.find((s) => s.name === name);
  if (!span) throw new Error(`no span ${name} among ${spans.map((s) => s.name).join(', ')}`);
  return span;
};

describe('one trace from a request through two queues', () => {
  let spans: ReadableSpan[];

  beforeAll(async () => {
    await post(
      { query: 'mutation Enqueue($e: String!) { enqueue(email: $e) }', variables: { e: SECRET_EMAIL }, operationName: 'Enqueue' },
      { traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01`, tracestate: `c360=${SECRET_EMAIL}` },
    );
    spans = await waitFor(
      async () => {
        const found = spansOf(CALLER_TRACE);
        return found.some((s) => s.name === `${SECOND} process`) && found.some((s) => s.name === 'POST /graphql') && found;
      },
      15_000,
      'the second job to be processed',
    );
  });

  it('continues the caller’s trace in the HTTP server span', () => {
    const http = named(spans, 'POST /graphql');
    expect(http.kind).toBe(SpanKind.SERVER);
    expect(http.parentSpanId).toBe(CALLER_SPAN);
    expect(http.attributes).toEqual({ 'http.request.method': 'POST', 'http.route': '/graphql', 'http.response.status_code': 200 });
  });

  it('names the operation’s span by its type and name, as the HTTP span’s child', () => {
    const operation = named(spans, 'mutation Enqueue');
    expect(operation.parentSpanId).toBe(named(spans, 'POST /graphql').spanContext().spanId);
    expect(operation.attributes).toEqual({ 'graphql.operation.type': 'mutation', 'graphql.operation.name': 'Enqueue' });
  });

  it('chains publish and process spans through the job data', () => {
    const publishFirst = named(spans, `${FIRST} publish`);
    const processFirst = named(spans, `${FIRST} process`);
    const publishSecond = named(spans, `${SECOND} publish`);
    const processSecond = named(spans, `${SECOND} process`);
    expect(publishFirst.parentSpanId).toBe(named(spans, 'mutation Enqueue').spanContext().spanId);
    expect(processFirst.parentSpanId).toBe(publishFirst.spanContext().spanId);
    expect(publishSecond.parentSpanId).toBe(processFirst.spanContext().spanId);
    expect(processSecond.parentSpanId).toBe(publishSecond.spanContext().spanId);
    expect([publishFirst.kind, processFirst.kind]).toEqual([SpanKind.PRODUCER, SpanKind.CONSUMER]);
    expect(processSecond.attributes).toMatchObject({ 'messaging.destination.name': SECOND, 'bullmq.job.name': 'next', 'messaging.batch.message_count': 2 });
    expect(firstJobData).toMatchObject({ traceparent: `00-${CALLER_TRACE}-${publishFirst.spanContext().spanId}-01` });
  });

  it('puts the trace and span ids on the worker’s log line', () => {
    const line = JSON.parse(logLines.find((l) => l.includes('second job done')) ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({ trace_id: CALLER_TRACE, span_id: named(spans, `${SECOND} process`).spanContext().spanId });
  });

  it('keeps the variables and the caller’s tracestate out of every span', () => {
    expect(JSON.stringify(spans.map((s) => [s.name, s.attributes, s.events]))).not.toContain(SECRET_EMAIL);
    expect(spans.map((s) => s.spanContext().traceState?.serialize())).toEqual(spans.map(() => undefined));
  });
});

describe('failures', () => {
  it('marks a failed job’s span with the error class only', async () => {
    await post({ query: 'mutation { enqueue(email: "poison") }' });
    const span = await waitFor(async () => exporter.getFinishedSpans().find((s) => s.name === `${POISON} process`), 15_000, 'the poison job to fail');
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes['error.type']).toBe('UnrecoverableError');
    expect(JSON.stringify([span.attributes, span.events, span.status])).not.toContain(SECRET_EMAIL);
  });

  it('gives a failed operation its error codes, not its messages', async () => {
    await post({ query: 'query Broken { nothing }' }, { traceparent: `00-${'1'.repeat(32)}-${CALLER_SPAN}-01` });
    const spans = await waitFor(async () => spansOf('1'.repeat(32)).length === 2 && spansOf('1'.repeat(32)), 5_000, 'the request’s spans');
    const operation = named(spans, 'GraphQL Operation');
    expect(operation.status.code).toBe(SpanStatusCode.ERROR);
    expect(operation.attributes).toEqual({ 'graphql.error.codes': ['GRAPHQL_VALIDATION_FAILED'] });
  });
});

describe('what is not traced', () => {
  it('leaves probes out and names an unmatched request by its method alone', async () => {
    const trace = '2'.repeat(32);
    const headers = { traceparent: `00-${trace}-${CALLER_SPAN}-01` };
    await fetch(`${service.url}/healthz`, { headers });
    await fetch(`${service.url}/customers/ada.tracing@example.com`, { headers });
    const spans = await waitFor(async () => spansOf(trace).length > 0 && spansOf(trace), 5_000, 'the 404’s span');
    expect(spans.map((s) => [s.name, s.attributes])).toEqual([['GET', { 'http.request.method': 'GET', 'http.response.status_code': 404 }]]);
  });
});
