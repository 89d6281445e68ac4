import { isSpanContextValid, trace } from '@opentelemetry/api';

/** The current span's ids for a log line (pino's mixin), so a log is found from its trace and back. */
export function traceFieldsOfActiveSpan(): { trace_id?: string; span_id?: string } {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const spanContext = span.spanContext();
  if (!isSpanContextValid(spanContext)) return {};
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId };
}
