import { signInternalToken, INTERNAL_HEADER, type Caller, type Role } from '@c360/auth';
import type { TouchpointInput } from '@c360/contracts';
import { uniqueName, waitFor } from '@c360/testing';
import { gatewayQuery, postBatch, System, tokenFor } from './system';

/**
 * The role × field matrix, walked through the gateway against every service running as its own
 * process: personal fields are masked (not errors) for roles that may see the customer but not the
 * field; partners reach no customer at all (their subscriptions only).
 */
const VIEW = /* GraphQL */ `
  query View($email: String!) {
    customerByIdentifier(type: EMAIL, value: $email) {
      id
      version
      identifiers {
        type
        value
      }
      journey(first: 5) {
        totalCount
        edges {
          node {
            messageId
            properties
          }
        }
      }
      engagement {
        touchCount
      }
      consents {
        purpose
        status
      }
      greeting {
        text
        provider
        basedOnVersion
      }
    }
  }
`;

interface View {
  id: string;
  version: number;
  identifiers: { type: string; value: string }[];
  journey: { totalCount: number; edges: { node: { messageId: string; properties: Record<string, unknown> } }[] };
  engagement: { touchCount: number };
  consents: { purpose: string; status: string }[];
  greeting: { text: string; provider: string; basedOnVersion: number } | null;
}

type Seen = 'value' | 'masked';
/** What each role sees of each field, for a customer who denied personalisation. */
const MATRIX: Record<string, Record<Exclude<Role, 'partner'>, Seen>> = {
  'Identifier.value': { analyst: 'masked', marketer: 'masked', support: 'value', compliance: 'value', service: 'value' },
  'Touchpoint.properties': { analyst: 'masked', marketer: 'masked', support: 'value', compliance: 'value', service: 'value' },
  // Consent gates drafting; a draft made before the denial is personal data that field access masks.
  'GeneratedContent.text': { analyst: 'masked', marketer: 'masked', support: 'value', compliance: 'value', service: 'value' },
  'Customer.consents': { analyst: 'masked', marketer: 'value', support: 'value', compliance: 'value', service: 'value' },
  'Identifier.type': { analyst: 'value', marketer: 'value', support: 'value', compliance: 'value', service: 'value' },
  'Engagement.touchCount': { analyst: 'value', marketer: 'value', support: 'value', compliance: 'value', service: 'value' },
  'Touchpoint.messageId': { analyst: 'value', marketer: 'value', support: 'value', compliance: 'value', service: 'value' },
};

function observe(field: string, view: View, truth: View): Seen {
  const pick: Record<string, (v: View) => unknown> = {
    'Identifier.value': (v) => v.identifiers.map((i) => i.value),
    'Touchpoint.properties': (v) => v.journey.edges.map((e) => e.node.properties),
    'GeneratedContent.text': (v) => v.greeting?.text,
    'Customer.consents': (v) => v.consents,
    'Identifier.type': (v) => v.identifiers.map((i) => i.type),
    'Engagement.touchCount': (v) => v.engagement.touchCount,
    'Touchpoint.messageId': (v) => v.journey.edges.map((e) => e.node.messageId),
  };
  const seen = pick[field]!(view);
  if (JSON.stringify(seen) === JSON.stringify(pick[field]!(truth))) return 'value';
  const masked = String(JSON.stringify(seen));
  // Masked means nothing of the value shows: the placeholder, an empty object or list, or null.
  expect(masked).not.toMatch(/@example\.com|CRM-|pricing|Hello|Hi /);
  return 'masked';
}

function person(): { email: string; touchpoints: TouchpointInput[] } {
  const tag = uniqueName('m');
  const email = `${tag}@example.com`;
  // A CRM id rather than a phone: the few fictional phone numbers are shared with other tests in the one Neo4j database.
  const crmId = `CRM-${tag}`;
  return {
    email,
    touchpoints: [
      {
        messageId: `${tag}-1`,
        type: 'identify',
        channel: 'web',
        occurredAt: '2026-10-01T09:00:00Z',
        identifiers: { email, anonymousId: `a-${tag}` },
        properties: { path: '/pricing' },
      },
      {
        messageId: `${tag}-2`,
        type: 'contact',
        channel: 'call_center',
        occurredAt: '2026-10-02T09:00:00Z',
        identifiers: { email, crmId },
        properties: { reason: 'billing' },
      },
    ],
  };
}

const system = new System();
const callers = {} as Record<Exclude<Role, 'partner'>, string>;
let truth: View;
let serviceToken: string;
const first = person();
const second = person();

async function view(email: string, token: string) {
  return gatewayQuery<{ customerByIdentifier: View | null }>(system, VIEW, { email }, token);
}

beforeAll(async () => {
  await system.start();
  serviceToken = await tokenFor({ subject: 'matrix-service', roles: ['service'], scopes: [] });
  for (const role of ['analyst', 'marketer', 'support', 'compliance', 'service'] as const) {
    callers[role] = await tokenFor({ subject: `matrix-${role}`, roles: [role], scopes: [] });
  }
  for (const p of [first, second]) expect((await postBatch(system, p.touchpoints, serviceToken)).status).toBe(200);
  truth = await waitFor(
    async () => {
      const res = await view(first.email, serviceToken);
      if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
      const c = res.body.data?.customerByIdentifier;
      // The greeting of the customer's last version: one drafted for an earlier version would be
      // replaced while the matrix runs, and "shown" would no longer match it.
      return c && c.identifiers.length === 3 && c.journey.totalCount === 2 && c.greeting?.basedOnVersion === c.version ? c : undefined;
    },
    60_000,
    'the first customer in every subgraph',
  ).catch((err: unknown) => {
    throw new Error(`${String(err)}\n${system.logs()}`);
  });
  // Personalisation may be granted by default (governance config): this customer says no.
  await consent(truth.id, 'DENIED');
  await waitFor(
    async () => (await view(first.email, callers.marketer)).body.data?.customerByIdentifier?.identifiers[0]?.value === '[masked]',
    20_000,
    'the denial to reach the subgraphs',
  );
  // The greeting as it was before the denial: what "shown" means for GeneratedContent.text.
  truth = { ...(await view(first.email, serviceToken)).body.data!.customerByIdentifier!, greeting: truth.greeting };
  await waitFor(
    async () => (await view(second.email, serviceToken)).body.data?.customerByIdentifier?.identifiers.length === 3,
    90_000,
    'the second customer',
  ).catch(async (err: unknown) => {
    throw new Error(`${String(err)}\n${JSON.stringify((await view(second.email, serviceToken)).body)}\n${system.logs()}`);
  });
}, 240_000);

async function consent(customerId: string, status: 'GRANTED' | 'DENIED') {
  const res = await gatewayQuery(
    system,
    `mutation ($id: ID!, $status: ConsentStatus!) { recordConsent(input: { customerId: $id, purpose: PERSONALISATION, status: $status, source: "e2e" }) { status } }`,
    { id: customerId, status },
    callers.compliance,
  );
  expect(res.body.errors).toBeUndefined();
}

afterAll(() => system.stop(), 60_000);

describe('role × field matrix through the gateway', () => {
  it.each(Object.keys(MATRIX))('%s is shown or masked per role, never an error', async (field) => {
    for (const role of Object.keys(callers) as (keyof typeof callers)[]) {
      const res = await view(first.email, callers[role]);
      expect(res.body.errors).toBeUndefined();
      const seen = res.body.data!.customerByIdentifier!;
      expect({ role, field, seen: observe(field, seen, truth) }).toEqual({ role, field, seen: MATRIX[field]![role] });
      expect(seen.id).toBe(truth.id);
    }
  });

  it('shows a marketer the personal fields once the customer consents to personalisation', async () => {
    await consent(truth.id, 'GRANTED');
    // Subgraphs cache consent answers until governance announces the change: wait for it to reach them.
    const seen = await waitFor(
      async () => {
        const v = (await view(first.email, callers.marketer)).body.data?.customerByIdentifier;
        return v && observe('GeneratedContent.text', v, truth) === 'value' && observe('Identifier.value', v, truth) === 'value' ? v : undefined;
      },
      20_000,
      'the marketer to see consented fields',
    );
    expect(observe('Touchpoint.properties', seen, truth)).toBe('value');
    // The same customer's personal fields stay masked for an analyst.
    const analyst = (await view(first.email, callers.analyst)).body.data!.customerByIdentifier!;
    expect(observe('GeneratedContent.text', analyst, truth)).toBe('masked');
    expect(observe('Identifier.value', analyst, truth)).toBe('masked');
    // The second customer gave no such consent: still masked for the same marketer.
    const secondId = await waitFor(
      async () => {
        const c = (await view(second.email, serviceToken)).body.data?.customerByIdentifier;
        return c?.identifiers.length === 3 ? c.id : undefined;
      },
      60_000,
      'the second customer',
    );
    await consent(secondId, 'DENIED');
    const other = await waitFor(
      async () => {
        const c = (await view(second.email, callers.marketer)).body.data?.customerByIdentifier;
        return c?.identifiers[0]?.value === '[masked]' ? c : undefined;
      },
      20_000,
      'the second customer masked',
    );
    expect(other.identifiers).toHaveLength(3);
    expect(other.identifiers.every((i) => i.value === '[masked]')).toBe(true);
  });

  it('gives a partner no customer at all', async () => {
    const res = await view(first.email, await tokenFor({ subject: 'acme', roles: ['partner'], scopes: [], partnerId: 'acme' }));
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(res.body.data?.customerByIdentifier ?? null).toBeNull();
  });

  it('shows support one customer per operation and masks the next', async () => {
    await waitFor(
      async () => (await view(second.email, serviceToken)).body.data?.customerByIdentifier?.identifiers.length === 3,
      60_000,
      'the second customer',
    );
    const both = /* GraphQL */ `
      query ($a: String!, $b: String!) {
        a: customerByIdentifier(type: EMAIL, value: $a) {
          identifiers {
            value
          }
        }
        b: customerByIdentifier(type: EMAIL, value: $b) {
          identifiers {
            value
          }
        }
      }
    `;
    const res = await gatewayQuery<{ a: { identifiers: { value: string }[] }; b: { identifiers: { value: string }[] } }>(
      system,
      both,
      { a: first.email, b: second.email },
      callers.support,
    );
    expect(res.body.errors).toBeUndefined();
    const shown = [res.body.data!.a, res.body.data!.b].filter((c) => c.identifiers.some((i) => i.value.includes('@example.com')));
    expect(shown).toHaveLength(1);
  });

  it('shows support one customer per operation across subgraphs, not one per subgraph', async () => {
    // Each subgraph alone sees one customer here: identity-graph the first's identifiers, touchpoint-store
    // the second's journey. Only the gateway sees that the operation reaches two.
    await waitFor(
      async () => (await view(second.email, serviceToken)).body.data?.customerByIdentifier?.journey.totalCount === 2,
      60_000,
      "the second customer's journey",
    );
    const split = /* GraphQL */ `
      query ($a: String!, $b: String!) {
        a: customerByIdentifier(type: EMAIL, value: $a) {
          identifiers {
            value
          }
        }
        b: customerByIdentifier(type: EMAIL, value: $b) {
          journey(first: 5) {
            edges {
              node {
                messageId
                properties
                text
              }
            }
          }
        }
      }
    `;
    type Split = {
      a: { identifiers: { value: string }[] };
      b: { journey: { edges: { node: { messageId: string; properties: Record<string, unknown>; text: string | null } }[] } };
    };
    const res = await gatewayQuery<Split>(system, split, { a: first.email, b: second.email }, callers.support);
    expect(res.body.errors).toBeUndefined();
    const { a, b } = res.body.data!;
    const firstShown = a.identifiers.some((i) => i.value.includes('@example.com'));
    const secondShown = b.journey.edges.some((e) => Object.keys(e.node.properties).length > 0);
    expect({ firstShown, secondShown }).toEqual({ firstShown: true, secondShown: false });
    // Masked, not refused: the second customer's journey keeps its shape and its non-personal fields.
    expect(b.journey.edges).toHaveLength(2);
    expect(b.journey.edges.every((e) => e.node.messageId.length > 0 && e.node.text === null)).toBe(true);
  });

  it('refuses mutations to roles without them, with FORBIDDEN', async () => {
    const res = await gatewayQuery(
      system,
      `mutation { recordConsent(input: { customerId: "x", purpose: ANALYTICS, status: GRANTED, source: "t" }) { status } }`,
      {},
      callers.marketer,
    );
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('subgraphs refuse what did not come through the gateway', () => {
  async function direct(headers: Record<string, string>) {
    const res = await fetch(`${system.subgraph('identity-graph').url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: VIEW, variables: { email: first.email } }),
    });
    return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
  }

  it('refuses a client bearer token sent straight to a subgraph', async () => {
    const res = await direct({ authorization: `Bearer ${callers.compliance}` });
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an internal token signed with another secret', async () => {
    const forged: Caller = { subject: 'mallory', roles: ['service'], scopes: [] };
    const res = await direct({ [INTERNAL_HEADER]: await signInternalToken(forged, 'not-the-internal-secret-but-32-chars-long') });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.body.data ?? null).toBeNull();
  });
});
