import pino, { type Logger } from 'pino';
import { traceFieldsOfActiveSpan } from './tracing/log-correlation';

export type { Logger };

/**
 * Paths that may carry personal data; pino replaces them before a line is written, so a debug
 * log of a job or a request never leaks an email or a phone number.
 */
const REDACTED_PATHS = [
  'identifiers',
  '*.identifiers',
  '*.*.identifiers',
  'email',
  'phone',
  '*.email',
  '*.phone',
  'value',
  '*.value',
  'properties',
  '*.properties',
  'req.headers.authorization',
  'req.headers["x-c360-internal"]',
];

/** `destination`: stdout unless given (tests read their lines back). */
export function createLogger(service: string, level: string, destination?: pino.DestinationStream): Logger {
  // Each line carries the current span's trace_id and span_id, when there is one.
  return pino({ name: service, level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, mixin: traceFieldsOfActiveSpan }, destination);
}
