import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyInternalToken } from '@c360/auth';
import { TEST_SECRET } from '@c360/testing';

export interface PeerCall {
  query: string;
  variables: Record<string, unknown>;
  caller: string;
}

/**
 * Stands in for the subgraphs the assistant calls (touchpoint-store, identity-graph, governance), so
 * generation's own tests need not start other apps (apps may not import apps); the real calls run
 * end to end in apps/e2e. It checks the internal token like a subgraph, records every call and
 * answers with `answer`, or with a 503 while `down` is set.
 */
export async function startPeerStandIn(answer: (call: PeerCall) => unknown) {
  const calls: PeerCall[] = [];
  const state = { down: false };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      void (async () => {
        if (state.down) return void res.writeHead(503).end();
        const header = req.headers['x-c360-internal'];
        const caller = await verifyInternalToken(typeof header === 'string' ? header : undefined, TEST_SECRET).catch(() => null);
        if (!caller) return void res.writeHead(401).end();
        const { query, variables } = JSON.parse(body) as { query: string; variables: Record<string, unknown> };
        const call = { query, variables, caller: caller.subject };
        calls.push(call);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer(call)));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    calls,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
