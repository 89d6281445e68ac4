import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, type Attributes, type Span } from '@opentelemetry/api';
import type { TraceCarrier } from '@c360/contracts';
import type { Job, Processor } from 'bullmq';
import { jobSpanAttributes } from './span-attributes';
import { isTracingOn, tracer } from './tracer';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * The job's data with the current trace context (`traceparent`) added, so that the worker taking it
 * continues the trace: the context travels in the payload, which every consumer reads anyway (the
 * contract: libs/contracts/src/trace-context.ts). Unchanged while tracing is off.
 */
export function withTraceContext<T>(data: T): T {
  if (!isTracingOn() || !isPlainObject(data)) return data;
  const carrier: TraceCarrier = {};
  propagation.inject(context.active(), carrier);
  return Object.keys(carrier).length === 0 ? data : ({ ...data, ...carrier } as T);
}

function failed(span: Span, err: unknown): void {
  // The error's class only: messages of malformed jobs quote the fields they refused.
  span.setAttribute('error.type', err instanceof Error ? err.name : 'unknown');
  span.setStatus({ code: SpanStatusCode.ERROR });
}

async function inSpan<R>(span: Span, work: () => Promise<R>): Promise<R> {
  try {
    return await work();
  } catch (err) {
    failed(span, err);
    throw err;
  } finally {
    span.end();
  }
}

/** A producer span around queuing `count` jobs on `queue`; the jobs carry its context. */
export function tracePublish<R>(queue: string, count: number, publish: () => Promise<R>): Promise<R> {
  if (!isTracingOn()) return publish();
  const attributes: Attributes = {
    'messaging.system': 'bullmq',
    'messaging.destination.name': queue,
    'messaging.operation.type': 'publish',
    'messaging.batch.message_count': count,
  };
  return tracer().startActiveSpan(`${queue} publish`, { kind: SpanKind.PRODUCER, attributes }, (span) => inSpan(span, publish));
}

/**
 * The processor with a consumer span around each job, a child of the span that queued it (read from
 * the job's data), so one ingested batch is one trace through every queue it crosses.
 */
export function traceJobs<T, R, N extends string>(queue: string, processor: Processor<T, R, N>): Processor<T, R, N> {
  return (job: Job<T, R, N>, token?: string, signal?: AbortSignal) => {
    if (!isTracingOn()) return processor(job, token, signal);
    const parent = isPlainObject(job.data) ? propagation.extract(ROOT_CONTEXT, job.data) : ROOT_CONTEXT;
    const attributes = jobSpanAttributes({ queue, name: job.name, id: job.id, attemptsMade: job.attemptsMade, data: job.data });
    return tracer().startActiveSpan(`${queue} process`, { kind: SpanKind.CONSUMER, attributes }, parent, (span) =>
      inSpan(span, () => processor(job, token, signal)),
    );
  };
}
