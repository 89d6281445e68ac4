import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Channel } from '@c360/contracts';

export interface StaticTouchpointTexts {
  /** The graphql endpoint URL to configure as TOUCHPOINT_STORE_URL. */
  url: string;
  add(text: { messageId: string; type?: string; channel: Channel; occurredAt: string; text: string }): void;
  /** While true, every question is answered with an error, as an unavailable touchpoint-store would. */
  failing: boolean;
  close(): Promise<void>;
}

/**
 * A stand-in for touchpoint-store's `touchpointTexts` query, serving fixed texts (and no touchpoint
 * history: `customerTouchpointFacts` answers none), for tests of insights
 * without starting touchpoint-store (apps may not import each other); touchpoint-store's own tests
 * cover the real query. It checks only that the internal header is present.
 */
export async function startStaticTouchpointTexts(): Promise<StaticTouchpointTexts> {
  const texts = new Map<string, { messageId: string; type: string; channel: string; occurredAt: string; text: string }>();
  const state = { failing: false };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      if (!req.headers['x-c360-internal']) return void res.writeHead(401).end();
      if (state.failing)
        return void res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ errors: [{ message: 'down', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
      const request = JSON.parse(body) as { query: string; variables: { ids: string[] } };
      // It holds texts, no touchpoints: a customer's history (customerTouchpointFacts) is empty here.
      if (request.query.includes('customerTouchpointFacts'))
        return void res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ data: { customerTouchpointFacts: { facts: [], endCursor: null, hasNextPage: false } } }));
      const ids = request.variables.ids;
      const found = ids.flatMap((id) => (texts.has(id) ? [texts.get(id)!] : []));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { touchpointTexts: found } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    add: (t) => texts.set(t.messageId, { type: 'contact', ...t, channel: t.channel.toUpperCase() }),
    get failing() {
      return state.failing;
    },
    set failing(value: boolean) {
      state.failing = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
