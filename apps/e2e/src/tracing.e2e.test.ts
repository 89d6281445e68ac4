import { randomBytes } from 'node:crypto';
import { PRIVACY_SERVICES, type TouchpointInput } from '@c360/contracts';
import { uniqueName, uniquePhone, waitFor } from '@c360/testing';
import { OtlpCollector, type CollectedSpan } from './otlp-collector';
import { gatewayQuery, postBatch, System, tokenFor, waitForQueuesIdle } from './system';

// Every service exports its spans over OTLP/HTTP to a collector in this process, as a deployment would
// to its collector; a short batch delay so the test does not wait five seconds per export.
const collector = new OtlpCollector();
let system: System;
let token: string;

const TRACED_CUSTOMER = /* GraphQL */ `
  query TracedCustomer($email: String!) {
    customerByIdentifier(type: EMAIL, value: $email) {
      id
      journey(first: 5) {
        totalCount
      }
      engagement {
        touchCount
      }
      consents {
        purpose
      }
    }
  }
`;

interface TracedCustomer {
  id: string;
  journey: { totalCount: number };
  engagement: { touchCount: number } | null;
}

function person() {
  const tag = uniqueName('trace');
  const email = `${tag}@example.com`;
  const phone = uniquePhone();
  const crmId = `CRM-${tag}`;
  const anonymousId = `anon-${tag}`;
  const touchpoints: TouchpointInput[] = [
    { messageId: `${tag}-visit`, type: 'page', channel: 'web', occurredAt: '2026-10-01T09:00:00Z', identifiers: { anonymousId }, properties: {} },
    {
      messageId: `${tag}-signup`,
      type: 'identify',
      event: 'Signed Up',
      channel: 'web',
      occurredAt: '2026-10-01T09:05:00Z',
      identifiers: { anonymousId, email },
      properties: {},
    },
    {
      messageId: `${tag}-call`,
      type: 'contact',
      event: 'Call Completed',
      channel: 'call_center',
      occurredAt: '2026-10-03T14:30:00Z',
      identifiers: { phone, email, crmId },
      properties: { reason: 'billing' },
      text: `Agent note ${tag}: sorted out the bill, customer pleased`,
    },
  ];
  return { email, phone, crmId, anonymousId, touchpoints };
}

beforeAll(async () => {
  await collector.start();
  system = new System({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_BSP_SCHEDULE_DELAY: '100' });
  await system.start();
  token = await tokenFor({ subject: 'e2e', roles: ['service', 'compliance'], scopes: [] });
}, 180_000);

afterAll(async () => {
  await system.stop();
  await collector.stop();
}, 60_000);

/** The spans of one trace once every name in `names` has arrived from its service (exports come in batches). */
async function traceWith(traceId: () => string | undefined, names: [service: string, span: string][], what: string): Promise<CollectedSpan[]> {
  return waitFor(
    async () => {
      const id = traceId();
      const spans = id ? collector.trace(id) : [];
      return names.every(([service, name]) => spans.some((s) => s.service === service && s.name === name)) && spans;
    },
    30_000,
    what,
  ).catch((err: unknown) => {
    const id = traceId();
    const seen = id ? collector.trace(id).map((s) => `${s.service}: ${s.name}`) : [];
    throw new Error(`${String(err)}\nspans of the trace: ${seen.join(', ') || 'none'}`);
  });
}

describe('one ingested batch, one trace', () => {
  const p = person();
  let customer: TracedCustomer;
  let ingestTraceId: string | undefined;

  beforeAll(async () => {
    const res = await postBatch(system, p.touchpoints, token);
    expect(res.body.results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
    await waitForQueuesIdle(system);
    customer = await waitFor(
      async () => {
        const answer = await gatewayQuery<{ customerByIdentifier: TracedCustomer | null }>(system, TRACED_CUSTOMER, { email: p.email }, token);
        const c = answer.body.data?.customerByIdentifier;
        return c && c.journey.totalCount === 3 && c;
      },
      45_000,
      'the customer through the gateway',
    );
    // The batch is the only one this system took: its request span opens the ingestion trace.
    ingestTraceId = (
      await waitFor(async () => collector.spans.find((s) => s.service === 'touchpoint-store' && s.name === 'POST /v1/batch'), 30_000, 'the intake span')
    ).traceId;
  }, 120_000);

  it('runs from the intake request through identity, linking and every customer.updated consumer', async () => {
    const spans = await traceWith(
      () => ingestTraceId,
      [
        ['touchpoint-store', 'POST /v1/batch'],
        ['touchpoint-store', 'touchpoint-ingest process'],
        ['identity-graph', 'identity-resolve process'],
        ['touchpoint-store', 'touchpoint-link process'],
        ['insights', 'customer.updated--insights process'],
        ['generation', 'customer.updated--generation process'],
        ['governance', 'customer.updated--governance process'],
        ['governance', 'customer.updated--partners process'],
      ],
      'the whole ingestion in one trace',
    );
    // Each job's processing is the child of the publish that queued it, in the service that queued it.
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const parentOf = (service: string, name: string) => byId.get(spans.find((s) => s.service === service && s.name === name)?.parentSpanId ?? '');
    expect(parentOf('identity-graph', 'identity-resolve process')).toMatchObject({ service: 'touchpoint-store', name: 'identity-resolve publish' });
    expect(parentOf('touchpoint-store', 'touchpoint-link process')).toMatchObject({ service: 'identity-graph', name: 'touchpoint-link publish' });
    expect(parentOf('insights', 'customer.updated--insights process')).toMatchObject({ service: 'identity-graph', name: 'customer.updated--insights publish' });
    expect(byId.get(parentOf('touchpoint-store', 'touchpoint-ingest process')?.parentSpanId ?? '')).toMatchObject({ name: 'POST /v1/batch' });
  });

  it('follows insights into touchpoint-store when it fetches the call note to score its sentiment', async () => {
    const spans = await traceWith(
      () => ingestTraceId,
      [['touchpoint-store', 'POST /graphql']],
      'touchpoint-store answering insights within the ingestion trace',
    );
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const callers = spans.filter((s) => s.service === 'touchpoint-store' && s.name === 'POST /graphql').map((s) => byId.get(s.parentSpanId ?? '')?.service);
    expect(callers).toContain('insights');
  });

  it('carries a gateway operation into every subgraph it asks, continuing the client’s trace', async () => {
    const traceId = randomBytes(16).toString('hex');
    const res = await fetch(`${system.gateway.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
        tracestate: `c360=${p.email}`,
      },
      body: JSON.stringify({ query: TRACED_CUSTOMER, variables: { email: p.email } }),
    });
    expect(((await res.json()) as { data?: { customerByIdentifier?: { id?: string } } }).data?.customerByIdentifier?.id).toBe(customer.id);
    const spans = await traceWith(
      () => traceId,
      [
        ['gateway', 'POST /graphql'],
        ['gateway', 'query TracedCustomer'],
        ['identity-graph', 'POST /graphql'],
        ['touchpoint-store', 'POST /graphql'],
        ['insights', 'POST /graphql'],
        ['governance', 'POST /graphql'],
      ],
      'the gateway operation in one trace',
    );
    const fetches = spans.filter((s) => s.service === 'gateway' && s.name === 'gateway.fetch').map((s) => s.spanId);
    const subgraphRequests = spans.filter((s) => s.service !== 'gateway' && s.name === 'POST /graphql');
    // A subgraph's request span is the child of the gateway's fetch for it.
    for (const request of subgraphRequests) expect(fetches).toContain(request.parentSpanId);
  });

  it('follows an erasure requested through the gateway into every service’s part of it', async () => {
    const traceId = randomBytes(16).toString('hex');
    const res = await fetch(`${system.gateway.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
        tracestate: `c360=${p.email}`,
      },
      body: JSON.stringify({
        query: 'mutation EraseTraced($e: String!) { requestErasure(input: { identifier: { type: EMAIL, value: $e } }) { id } }',
        variables: { e: p.email },
      }),
    });
    expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
    await traceWith(
      () => traceId,
      [
        ['gateway', 'mutation EraseTraced'],
        ['governance', 'privacy-requests publish'],
        // governance asks identity-graph who the subject is, carrying the trace in its request.
        ['identity-graph', 'POST /graphql'],
        ...PRIVACY_SERVICES.map((service): [string, string] => [service, `privacy--${service} process`]),
        ['governance', 'privacy-requests process'],
      ],
      'the erasure in one trace',
    );
  });

  it('exports nothing personal: no identifier, variable or customer id in any span', async () => {
    // Waits for the spans of the last job and of the gateway's operation, whichever traces they are in.
    const arrived = (service: string, name: string) => collector.spans.some((s) => s.service === service && s.name === name);
    await waitFor(
      async () => arrived('governance', 'customer.updated--partners process') && arrived('gateway', 'query TracedCustomer'),
      30_000,
      'the last spans',
    );
    expect(collector.bodies.length).toBeGreaterThan(0);
    const exported = collector.bodies.join('\n');
    const secrets = [p.email, p.phone, p.phone.slice(1), p.crmId, p.anonymousId, customer.id, 'sorted out the bill'];
    expect(secrets.filter((secret) => exported.includes(secret))).toEqual([]);
  });
});
