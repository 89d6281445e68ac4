import http from 'node:http';

export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/**
 * A status class ('2xx'…'5xx'); 'closed early' when the server refused an oversized body by closing
 * the connection before the client had written it all (the status it sent may go unread); 'no
 * answer' when the connection failed or timed out otherwise.
 */
export type Outcome = '1xx' | '2xx' | '3xx' | '4xx' | '5xx' | 'closed early' | 'no answer';

/** Above every entry point's body limit: a server may stop reading such a body and close. */
const OVERSIZED_BYTES = 1_048_576;

export interface Answer {
  outcome: Outcome;
  status?: number;
  body: string;
  /** The answer names INTERNAL_SERVER_ERROR: a failure masked inside a GraphQL response, whatever its status. */
  internalError?: boolean;
}

/**
 * Sends a request exactly as given, over node:http rather than fetch: fetch refuses some methods,
 * header combinations and bodies a malformed client sends. The answer counts as soon as its status
 * arrives, even if the server closes the socket before reading the whole body (an early 413).
 */
export function sendRaw(baseUrl: string, request: RawRequest, timeoutMs = 15_000): Promise<Answer> {
  const url = new URL(baseUrl);
  return new Promise((resolve) => {
    let settled = false;
    const settle = (answer: Answer) => {
      if (!settled) resolve(answer);
      settled = true;
    };
    // node:http frames GET, DELETE and OPTIONS bodies only with an explicit length; unframed, the
    // body would be read as a second request and the connection reset before this one's answer.
    const headers = request.body ? { ...request.headers, 'content-length': String(request.body.length) } : request.headers;
    const req = http.request(
      { host: url.hostname, port: url.port, method: request.method, path: request.path, headers, agent: false, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          settle({
            outcome: `${String(res.statusCode).charAt(0)}xx` as Outcome,
            status: res.statusCode,
            body: body.slice(0, 300),
            internalError: body.includes('INTERNAL_SERVER_ERROR'),
          });
        });
        res.on('error', () => settle({ outcome: `${String(res.statusCode).charAt(0)}xx` as Outcome, status: res.statusCode, body: '' }));
      },
    );
    req.on('timeout', () => {
      req.destroy();
      settle({ outcome: 'no answer', body: 'timeout' });
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      const refusedBody = (err.code === 'EPIPE' || err.code === 'ECONNRESET') && (request.body?.length ?? 0) > OVERSIZED_BYTES;
      settle({ outcome: refusedBody ? 'closed early' : 'no answer', body: err.message });
    });
    req.end(request.body);
  });
}

/** Status-class counts for one entry point, with the first few 5xx and unanswered requests kept for the report. */
export class OutcomeCounts {
  readonly counts: Record<Outcome | 'internal error', number> = {
    '1xx': 0,
    '2xx': 0,
    '3xx': 0,
    '4xx': 0,
    '5xx': 0,
    'closed early': 0,
    'no answer': 0,
    'internal error': 0,
  };
  readonly failures: string[] = [];
  readonly internalErrors: string[] = [];

  add(kind: string, answer: Answer): void {
    this.counts[answer.outcome]++;
    if (answer.internalError) this.counts['internal error']++;
    if (answer.internalError && this.internalErrors.length < 5) this.internalErrors.push(`${kind}: ${answer.status ?? ''} ${answer.body}`);
    if ((answer.outcome === '5xx' || answer.outcome === 'no answer') && this.failures.length < 5)
      this.failures.push(`${kind}: ${answer.status ?? ''} ${answer.body}`);
  }
}
