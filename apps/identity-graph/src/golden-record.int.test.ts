import { normaliseTraits, personTraitKeys } from '@c360/identifiers';
import type { ResolveJob } from '@c360/contracts';
import { subgraphRequest, uniqueName } from '@c360/testing';
import { IdentityGraphUnderTest } from './testing/identity-graph.harness';

const ig = new IdentityGraphUnderTest({ SOURCE_TRUST: '{"crm":100,"web":10}' });

beforeAll(() => ig.start());
afterAll(() => ig.close());

async function resolved(job: Omit<ResolveJob, 'messageId'>): Promise<string> {
  const messageId = uniqueName('m');
  return ig.resolveAndLink({ ...job, messageId });
}

const GOLDEN = `query ($id: ID!) { customer(id: $id) { goldenRecord {
  givenName { value source observedAt } familyName { value source } birthDate { value source }
  address { street postcode source } emails { value source } } } }`;

// Names keep letters only; random ones keep this person apart from every other test's (and run's).
const letters = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');

describe('golden record', () => {
  it('chooses each value by source trust, then recency, and says where it came from', async () => {
    const email = `${uniqueName('g')}@example.com`;
    const [given, family] = [letters(9), letters(11)];
    const id = await resolved({
      channel: 'call_center',
      source: 'crm',
      occurredAt: '2026-01-01T09:00:00Z',
      identifiers: [{ type: 'email', value: email }],
      traits: { givenName: given, birthDate: '1906-12-09' },
    });
    await resolved({
      channel: 'web',
      source: 'web',
      occurredAt: '2026-03-01T09:00:00Z',
      identifiers: [{ type: 'email', value: email }],
      traits: { givenName: `${given}ie`, familyName: family, street: '1 Navy Yard', postcode: '20374' },
    });
    await resolved({
      channel: 'web',
      source: 'web',
      occurredAt: '2026-02-01T09:00:00Z',
      identifiers: [{ type: 'email', value: email }],
      traits: { familyName: `${family}x` },
    });

    const res = await subgraphRequest<{ customer: { goldenRecord: Record<string, unknown> } }>(
      ig.url,
      GOLDEN,
      { id },
      { subject: 's', roles: ['support'], scopes: [] },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.customer.goldenRecord).toEqual({
      givenName: { value: given, source: 'crm', observedAt: '2026-01-01T09:00:00.000Z' },
      familyName: { value: family, source: 'web' },
      birthDate: { value: '1906-12-09', source: 'crm' },
      address: { street: '1 Navy Yard', postcode: '20374', source: 'web' },
      emails: [{ value: email, source: 'crm' }],
    });

    // Personal data: an analyst sees where values came from, not the values.
    const masked = await subgraphRequest<{ customer: { goldenRecord: { givenName: { value: string; source: string } } } }>(
      ig.url,
      GOLDEN,
      { id },
      { subject: 'a', roles: ['analyst'], scopes: [] },
    );
    expect(masked.data?.customer.goldenRecord.givenName).toMatchObject({ value: '[masked]', source: 'crm' });
  });

  it('names the person by traits over all their records, as intake reads them, for erasure to suppress; to services only', async () => {
    const email = `${uniqueName('k')}@example.com`;
    const born = { givenName: letters(8), familyName: letters(10), birthDate: '1906-12-09' };
    const lives = { givenName: born.givenName, familyName: born.familyName, streetNumber: '1', street: 'Navy Yard', postcode: '20374' };
    const id = await resolved({ channel: 'store', occurredAt: '2026-01-01T09:00:00Z', identifiers: [{ type: 'email', value: email }], traits: born });
    await resolved({ channel: 'store', occurredAt: '2026-02-01T09:00:00Z', identifiers: [{ type: 'email', value: email }], traits: lives });

    const KEYS = `query ($id: ID!) { customer(id: $id) { personTraitKeys } }`;
    const res = await subgraphRequest<{ customer: { personTraitKeys: string[] } }>(
      ig.url,
      KEYS,
      { id },
      { subject: 'governance', roles: ['service'], scopes: [] },
    );
    const expected = [born, lives].flatMap((t) => personTraitKeys(normaliseTraits(t)));
    expect(expected).toHaveLength(2);
    expect(res.data?.customer.personTraitKeys).toEqual(expected.sort());

    const support = await subgraphRequest(ig.url, KEYS, { id }, { subject: 's', roles: ['support', 'compliance'], scopes: [] });
    expect(support.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
