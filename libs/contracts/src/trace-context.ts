/**
 * Any job or event payload may carry the W3C trace context of whoever queued it, beside its own
 * fields: `traceparent`, and `tracestate` when the trace has one, as the HTTP headers of the same
 * names carry it (https://www.w3.org/TR/trace-context/). They say which trace the work belongs to,
 * nothing about a person. Payload schemas strip fields they do not name, so a consumer that does not
 * trace reads a payload with them exactly as one without; libs/service-kit adds them when tracing is on.
 */
export interface TraceCarrier {
  traceparent?: string;
  tracestate?: string;
}
