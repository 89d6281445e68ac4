import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Job } from 'bullmq';
import { traceJobs, withTraceContext } from './job-tracing';
import { registerTracing, tracer } from './tracer';

// A job as BullMQ hands it to a processor: only the fields the wrapper reads.
const jobWith = (data: unknown) => ({ name: 'resolve', id: 'res-1', attemptsMade: 0, data }) as Job;

describe('with tracing off', () => {
  it('leaves job data as it is and runs the processor as it is', async () => {
    const data = { items: [{ messageId: 'm-1' }] };
    expect(withTraceContext(data)).toBe(data);
    expect(await traceJobs('q', async (job) => job.data)(jobWith(data))).toBe(data);
  });
});

describe('with tracing on', () => {
  const exporter = new InMemorySpanExporter();
  let shutdown: () => Promise<unknown>;

  beforeAll(() => {
    shutdown = registerTracing('job-tracing-test', new SimpleSpanProcessor(exporter)).shutdownStep.close;
  });
  afterAll(() => shutdown());

  it('adds the current span as traceparent, beside the data’s own fields, and leaves anything else alone', () => {
    const span = tracer().startSpan('parent');
    const data = context.with(trace.setSpan(context.active(), span), () => withTraceContext({ items: [1] }));
    span.end();
    const { traceId, spanId } = span.spanContext();
    expect(data).toEqual({ items: [1], traceparent: `00-${traceId}-${spanId}-01` });
    expect(withTraceContext('a string')).toBe('a string');
  });

  it('runs the processor in a span that continues the job’s trace', async () => {
    const traceparent = `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`;
    const seen = await traceJobs('identity-resolve', async () => trace.getActiveSpan()?.spanContext().traceId)(jobWith({ items: [], traceparent }));
    expect(seen).toBe('a'.repeat(32));
    expect(exporter.getFinishedSpans().find((s) => s.name === 'identity-resolve process')?.parentSpanId).toBe('b'.repeat(16));
  });
});
