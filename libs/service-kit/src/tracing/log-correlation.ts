import { isSpanContextValid, trace } from '@opentelemetry/api';
import { isTracingOn } from './tracer';

/** The current span's ids for a log line (pino's mixin), so a log is found from its trace and back. */
export function traceFieldsOfActiveSpan(): { trace_id?: string; span_id?: string } {
  const span = isTracingOn() ? trace.getActiveSpan() : undefined;
  if (!span) return {};
  const spanContext = span.spanContext();
  if (!isSpanContextValid(spanContext)) return {};
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId };
}
