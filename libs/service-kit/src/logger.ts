import pino, { type Logger } from 'pino';

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

export function createLogger(service: string, level: string): Logger {
  return pino({ name: service, level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });
}
