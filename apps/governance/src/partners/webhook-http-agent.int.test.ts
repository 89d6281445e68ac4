import { fetch } from 'undici';
import { createWebhookAgent, WebhookAddressRefusedError, type HostLookup } from './webhook-http-agent';
import { endpoint } from '../testing/webhook-test-kit';

const toLoopback: HostLookup = (_hostname, _options, callback) => callback(null, [{ address: '127.0.0.1', family: 4 }]);

async function refusal(url: string, agent: ReturnType<typeof createWebhookAgent>): Promise<unknown> {
  try {
    await fetch(url, { method: 'POST', body: '{}', dispatcher: agent });
    return null;
  } catch (err) {
    return (err as { cause?: unknown }).cause;
  }
}

describe('webhook HTTP agent (real sockets on 127.0.0.1)', () => {
  it('refuses IP literals and names resolving to refused addresses before connecting, when private networks are not allowed', async () => {
    const hook = await endpoint(() => 200);
    const port = new URL(hook.url).port;
    const agent = createWebhookAgent({ allowPrivateNetworks: false, lookup: toLoopback });
    try {
      for (const url of [
        `http://127.0.0.1:${port}/hook`,
        `https://[::1]:${port}/hook`,
        `http://[::ffff:127.0.0.1]:${port}/hook`,
        `http://partner.example:${port}/hook`,
      ]) {
        const cause = await refusal(url, agent);
        expect([url, cause]).toEqual([url, expect.any(WebhookAddressRefusedError)]);
        expect((cause as Error).message).toMatch(/loopback/);
      }
      expect(hook.received).toHaveLength(0);
    } finally {
      await agent.close();
      await hook.close();
    }
  });

  it('connects to the same addresses when private networks are allowed, resolving through the same lookup', async () => {
    const hook = await endpoint(() => 204);
    const agent = createWebhookAgent({ allowPrivateNetworks: true, lookup: toLoopback });
    try {
      const res = await fetch(`http://partner.example:${new URL(hook.url).port}/hook`, { method: 'POST', body: '{"a":1}', dispatcher: agent });
      expect(res.status).toBe(204);
      expect(hook.received.map((r) => r.body)).toEqual(['{"a":1}']);
    } finally {
      await agent.close();
      await hook.close();
    }
  });
});
