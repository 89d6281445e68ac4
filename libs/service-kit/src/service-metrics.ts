import type { ApolloServerPlugin } from '@apollo/server';
import { Queue, type Worker } from 'bullmq';
import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, type Metric, type Registry } from 'prom-client';
import { closeQueueHandle } from './queue';

/**
 * The metrics every service exposes: HTTP requests per route, GraphQL operations per name, and the
 * jobs of the queues it consumes. Labels hold route templates, operation and queue names, states
 * and error codes; never a path with an id in it, a variable or anything a person typed.
 */

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const JOB_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300];

/** One metric per name and registry, however many modules of a service ask for it. */
export function metricOn<M extends Metric>(registry: Registry, name: string, create: () => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? create();
}

/** `GET /customers/:id` is recorded as its template; a path no route matched as `unmatched`, never as typed. */
export function httpRequestMetrics(registry: Registry): RequestHandler {
  const duration = metricOn(
    registry,
    'c360_http_request_duration_seconds',
    () =>
      new Histogram({
        name: 'c360_http_request_duration_seconds',
        help: 'HTTP requests by method, route template and status class',
        labelNames: ['method', 'route', 'status'],
        buckets: LATENCY_BUCKETS,
        registers: [registry],
      }),
  );
  return (req, res, next) => {
    const end = duration.startTimer();
    res.on('finish', () => {
      const template = req.route?.path;
      const route = typeof template === 'string' ? `${req.baseUrl}${template}` : req.baseUrl || 'unmatched';
      end({ method: req.method, route, status: `${Math.floor(res.statusCode / 100)}xx` });
    });
    next();
  };
}

const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;

/**
 * Operation names are chosen by clients, so they are labels only while they look like GraphQL names
 * and only the first `maxNames` distinct ones: a client inventing names cannot grow the series
 * without bound, nor smuggle text into a label.
 */
export class OperationNameLabels {
  private readonly seen = new Set<string>();

  constructor(private readonly maxNames = 200) {}

  labelOf(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'invalid';
    if (this.seen.has(name)) return name;
    if (this.seen.size >= this.maxNames) return 'other';
    this.seen.add(name);
    return name;
  }
}

/** Apollo plugin: operations by name, type and outcome, their latency, and their errors by `extensions.code`. */
export function graphqlOperationMetrics(registry: Registry, names = new OperationNameLabels()): ApolloServerPlugin {
  const duration = metricOn(
    registry,
    'c360_graphql_operation_duration_seconds',
    () =>
      new Histogram({
        name: 'c360_graphql_operation_duration_seconds',
        help: 'GraphQL operations by name, type and outcome (ok, or error when the answer carries errors)',
        labelNames: ['operation', 'type', 'outcome'],
        buckets: LATENCY_BUCKETS,
        registers: [registry],
      }),
  );
  const errors = metricOn(
    registry,
    'c360_graphql_errors_total',
    () =>
      new Counter({
        name: 'c360_graphql_errors_total',
        help: 'GraphQL errors by operation and extensions.code',
        labelNames: ['operation', 'code'],
        registers: [registry],
      }),
  );
  return {
    async requestDidStart() {
      const startedAt = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, operation, errors: failures }) {
          const operationLabel = names.labelOf(operationName);
          const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
          duration.observe({ operation: operationLabel, type: operation?.operation ?? 'unknown', outcome: failures?.length ? 'error' : 'ok' }, seconds);
          for (const error of failures ?? []) {
            const code = error.extensions?.['code'];
            errors.inc({ operation: operationLabel, code: typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR' });
          }
        },
      };
    },
  };
}

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/**
 * For each queue the service consumes: jobs by state read at scrape time (`failed` holds the jobs
 * that ran out of attempts: the dead letters), and every job's run time by outcome. Returns what
 * closes the queue handles it opened for counting.
 */
export function queueMetrics(registry: Registry, workers: readonly Worker[]): () => Promise<void> {
  const counted = workers.map((w) => new Queue(w.name, { connection: w.opts.connection, prefix: w.opts.prefix }));
  metricOn(
    registry,
    'c360_queue_jobs',
    () =>
      new Gauge({
        name: 'c360_queue_jobs',
        help: 'Jobs in each queue this service consumes, by state; failed = out of attempts (dead letters)',
        labelNames: ['queue', 'state'],
        registers: [registry],
        async collect() {
          const counts = await Promise.all(counted.map(async (q) => ({ queue: q.name, counts: await q.getJobCounts(...QUEUE_STATES) })));
          for (const { queue, counts: byState } of counts) for (const state of QUEUE_STATES) this.set({ queue, state }, byState[state] ?? 0);
        },
      }),
  );
  const runs = metricOn(
    registry,
    'c360_job_duration_seconds',
    () =>
      new Histogram({
        name: 'c360_job_duration_seconds',
        help: 'Job run time by queue and outcome (a failed attempt that will be retried counts as failed)',
        labelNames: ['queue', 'outcome'],
        buckets: JOB_BUCKETS,
        registers: [registry],
      }),
  );
  for (const worker of workers) {
    const observe = (outcome: string, job?: { processedOn?: number; finishedOn?: number }) => {
      if (job?.processedOn && job.finishedOn) runs.observe({ queue: worker.name, outcome }, (job.finishedOn - job.processedOn) / 1000);
    };
    worker.on('completed', (job) => observe('completed', job));
    worker.on('failed', (job) => observe('failed', job));
  }
  return async () => {
    await Promise.all(counted.map(closeQueueHandle));
  };
}
