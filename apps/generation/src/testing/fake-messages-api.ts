import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local server speaking Anthropic's Messages API (POST /v1/messages), for tests of the provider
 * through the real SDK (its `baseURL`): it keeps every request body exactly as the SDK sent it, and
 * answers from a script (JSON messages, SSE streams, error answers, a hang for timeouts) or, with
 * nothing scripted, with well-formed variants for the request.
 */
export interface Usage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

export type ScriptedAnswer =
  | { kind: 'message'; text: string; usage?: Partial<Usage> }
  | { kind: 'error'; status: number; type: string; headers?: Record<string, string> }
  | { kind: 'stream-error'; type: string }
  | { kind: 'hang'; ms: number };

export interface RecordedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The body as sent, byte for byte. */
  raw: string;
  body: { model: string; max_tokens: number; stream?: boolean; system?: unknown; messages: { role: string; content: string }[] };
}

export interface FakeMessagesApi {
  url: string;
  requests: RecordedRequest[];
  /** Answers for the next requests, in order; then the default answer. */
  script(...answers: ScriptedAnswer[]): void;
  /** Replaces the default answer's text (e.g. to write copy that fails a check on every attempt). */
  answerWith(text: (req: RecordedRequest) => string): void;
  close(): Promise<void>;
}

const DEFAULT_USAGE: Usage = { input_tokens: 420, output_tokens: 180, cache_creation_input_tokens: 0, cache_read_input_tokens: 1200 };

/** Variants of the requested count and parts, in the JSON the prompt asks for, greeting by placeholder when offered. */
export function wellFormedAnswer(req: RecordedRequest): string {
  const message = req.body.messages[0]?.content ?? '';
  const count = Number(/Write (\d) variant/.exec(message)?.[1] ?? 1);
  const parts = (/Parts per variant: ([a-zA-Z, ]+)\./.exec(message)?.[1] ?? 'body').split(',').map((p) => p.trim());
  const hi = message.includes('{{first_name}}') ? 'Hi {{first_name}},' : 'Hi there,';
  const variants = Array.from({ length: count }, (_, i) =>
    Object.fromEntries(
      parts.map((part) => [
        part,
        part === 'body'
          ? `${hi} your basket is saved. Take another look when it suits you (${i + 1}).`
          : part === 'callToAction'
            ? 'Take a look'
            : `Still thinking it over? (${i + 1})`,
      ]),
    ),
  );
  return JSON.stringify({ variants });
}

function sse(res: http.ServerResponse, events: [string, object][]): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const [event, data] of events) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  res.end();
}

function messageOf(model: string, text: string, usage: Usage) {
  return { id: 'msg_local', type: 'message', role: 'assistant', model, content: [{ type: 'text', text }], stop_reason: 'end_turn', stop_sequence: null, usage };
}

function streamMessage(res: http.ServerResponse, model: string, text: string, usage: Usage): void {
  const chunks = text.match(/[\s\S]{1,40}/g) ?? [''];
  sse(res, [
    ['message_start', { type: 'message_start', message: { ...messageOf(model, '', { ...usage, output_tokens: 1 }), content: [], stop_reason: null } }],
    ['content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }],
    ['ping', { type: 'ping' }],
    ...chunks.map((chunk): [string, object] => ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: chunk } }]),
    ['content_block_stop', { type: 'content_block_stop', index: 0 }],
    ['message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: usage.output_tokens } }],
    ['message_stop', { type: 'message_stop' }],
  ]);
}

export async function startFakeMessagesApi(): Promise<FakeMessagesApi> {
  const requests: RecordedRequest[] = [];
  const queue: ScriptedAnswer[] = [];
  let text: (req: RecordedRequest) => string = wellFormedAnswer;
  const hanging = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.startsWith('/v1/messages')) {
        res.writeHead(404).end();
        return;
      }
      const recorded: RecordedRequest = { path: req.url, headers: req.headers, raw, body: JSON.parse(raw) as RecordedRequest['body'] };
      requests.push(recorded);
      const answer = queue.shift() ?? { kind: 'message', text: text(recorded) };
      const stream = recorded.body.stream === true;
      switch (answer.kind) {
        case 'message': {
          const usage = { ...DEFAULT_USAGE, ...answer.usage };
          if (stream) streamMessage(res, recorded.body.model, answer.text, usage);
          else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(messageOf(recorded.body.model, answer.text, usage)));
          return;
        }
        case 'error':
          res
            .writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers })
            .end(JSON.stringify({ type: 'error', error: { type: answer.type, message: `scripted ${answer.type}` } }));
          return;
        case 'stream-error':
          sse(res, [
            ['message_start', { type: 'message_start', message: { ...messageOf(recorded.body.model, '', DEFAULT_USAGE), content: [], stop_reason: null } }],
            ['error', { type: 'error', error: { type: answer.type, message: 'Overloaded' } }],
          ]);
          return;
        case 'hang': {
          const timer = setTimeout(() => res.destroy(), answer.ms);
          hanging.add(timer);
          res.on('close', () => clearTimeout(timer));
          return;
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...answers) => queue.push(...answers),
    answerWith: (fn) => (text = fn),
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of hanging) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
