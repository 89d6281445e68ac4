import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EVENTS } from '@c360/contracts';
import type { EventPublisher } from '@c360/service-kit';
import { SERVICE_CALLER, subgraphRequest, uniqueName } from '@c360/testing';

/** What partner integration tests share: a partner's endpoint, an independent verifier, and the calls that make a delivery happen. */

export const COMPLIANCE = { ...SERVICE_CALLER, subject: 'officer', roles: ['compliance' as const] };

export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  answered: number | null;
}

/** A partner's endpoint on a local port; `answer` decides each response (a status, or null to hang). */
export async function endpoint(answer: (n: number) => number | null) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const status = answer(received.length + 1);
      const entry: Received = { headers: req.headers, body, answered: status };
      received.push(entry);
      if (status !== null) res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  const close = () => {
    server.closeAllConnections();
    return new Promise((r) => server.close(r));
  };
  const delivered = () =>
    received.filter((r) => r.answered !== null && r.answered < 300).map((r) => JSON.parse(r.body) as { customerId: string; version: number });
  return { url, received, delivered, close };
}

/** Standard Webhooks verification written from the spec, independently of the production signer. */
export function verifies(secret: string, r: Received): boolean {
  const id = String(r.headers['webhook-id']);
  const timestamp = String(r.headers['webhook-timestamp']);
  const expected = createHmac('sha256', Buffer.from(secret.replace(/^whsec_/, ''), 'base64'))
    .update(`${id}.${timestamp}.${r.body}`)
    .digest();
  return String(r.headers['webhook-signature'])
    .split(' ')
    .some((sig) => {
      const [v, b64] = sig.split(',');
      const given = Buffer.from(b64 ?? '', 'base64');
      return v === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
    });
}

/** Registers a partner (third-party sharing unless `input` says otherwise); the GraphQL answer, errors included. */
export function registerPartner(url: string, input: Record<string, unknown>) {
  return subgraphRequest<{ registerPartner: { secret: string; partner: { id: string; webhookUrl: string | null } } }>(
    url,
    `mutation ($input: RegisterPartnerInput!) { registerPartner(input: $input) { secret partner { id webhookUrl } } }`,
    { input: { name: 'Partner', purposes: ['THIRD_PARTY_SHARING'], fields: ['LAST_TOUCHPOINT'], ...input } },
    COMPLIANCE,
  );
}

export async function grantConsent(url: string, customerId: string, purpose = 'THIRD_PARTY_SHARING'): Promise<void> {
  const res = await subgraphRequest(
    url,
    `mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { status } }`,
    { input: { customerId, purpose, status: 'GRANTED', source: 'test' } },
    COMPLIANCE,
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
}

export function publishCustomerUpdate(publisher: EventPublisher, customerId: string, version: number) {
  const event = {
    customerId,
    version,
    mergedCustomerIds: [],
    updatedAt: new Date().toISOString(),
    touchpoint: { messageId: uniqueName('m'), channel: 'web', occurredAt: '2026-10-01T09:00:00Z' },
  };
  return publisher.publish(EVENTS.customerUpdated, event, uniqueName('e'));
}

export interface DeliveryLogEntry {
  status: string;
  attempts: number;
  lastError: string | null;
}

export async function deliveryLog(url: string, partnerId: string): Promise<DeliveryLogEntry[]> {
  const res = await subgraphRequest<{ webhookDeliveries: DeliveryLogEntry[] }>(
    url,
    `query ($id: ID!) { webhookDeliveries(partnerId: $id) { status attempts lastError } }`,
    { id: partnerId },
    COMPLIANCE,
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data?.webhookDeliveries ?? [];
}
