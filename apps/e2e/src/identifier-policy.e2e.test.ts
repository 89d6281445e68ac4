import type { TouchpointInput } from '@c360/contracts';
import { uniqueName, waitFor } from '@c360/testing';
import { eraseByEmail, gatewayData, postBatch, System, tokenFor, waitForQueuesIdle } from './system';

/**
 * One identifier policy for the whole deployment: the email folding and the identifier types it
 * configures hold at intake (suppression) exactly as in identity resolution and erasure.
 */
const system = new System({
  EMAIL_PLUS_INSENSITIVE_DOMAINS: 'outlook.com,mail.example.org',
  IDENTIFIER_TYPES_CONFIG: JSON.stringify([{ type: 'membershipNo', pattern: '^M-[0-9]+$', unique: true, priority: 90 }]),
});
let token: string;

beforeAll(async () => {
  await system.start();
  token = await tokenFor({ subject: 'e2e-officer', roles: ['service', 'compliance'], scopes: [] });
}, 180_000);

afterAll(() => system.stop(), 60_000);

const query = <T>(text: string, variables: Record<string, unknown> = {}) => gatewayData<T>(system, text, variables, token);

const BY_EMAIL = `query ($v: String!) { customerByIdentifier(type: EMAIL, value: $v) { id identifiers { typeName value } journey(first: 10) { totalCount } } }`;
interface Found {
  id: string;
  identifiers: { typeName: string; value: string }[];
  journey: { totalCount: number };
}

async function byEmail(email: string): Promise<Found | null> {
  return (await query<{ customerByIdentifier: Found | null }>(BY_EMAIL, { v: email })).customerByIdentifier;
}

function tp(messageId: string, identifiers: TouchpointInput['identifiers']): TouchpointInput {
  return { messageId, type: 'track', event: 'Opened', channel: 'email', occurredAt: '2026-10-01T09:00:00Z', identifiers, properties: {} };
}

async function erase(email: string): Promise<void> {
  expect((await eraseByEmail(system, email, token)).status).toBe('COMPLETED');
}

async function statuses(items: TouchpointInput[]): Promise<[string, string | undefined][]> {
  const res = await postBatch(system, items, token);
  return res.body.results.map((r) => [r.status, r.reason]);
}

describe('one identifier policy across intake, resolution and erasure', () => {
  it.each(['outlook.com', 'mail.example.org'])('refuses ada+news@%s once ada@ that domain is erased', async (domain) => {
    const local = uniqueName('ada');
    await statuses([tp(`${local}-1`, { email: `${local}@${domain}` })]);
    await waitForQueuesIdle(system);
    expect((await byEmail(`${local}+other@${domain}`))?.journey.totalCount).toBe(1);

    await erase(`${local}@${domain}`);
    expect(await statuses([tp(`${local}-2`, { email: `${local}+news@${domain}` })])).toEqual([['rejected', 'SUPPRESSED']]);
    await waitForQueuesIdle(system);
    expect(await byEmail(`${local}@${domain}`)).toBeNull();
  });

  it('ingests, resolves and erases an identifier type the deployment configured', async () => {
    const tag = uniqueName('m');
    const email = `${tag}@example.com`;
    const membership = `M-${Date.now()}${Math.floor(Math.random() * 1000)}`;
    expect(await statuses([tp(`${tag}-1`, { email, membershipNo: membership })])).toEqual([['accepted', undefined]]);
    // A malformed value of the configured type is no identifier; an unconfigured type is refused by name.
    expect(await statuses([tp(`${tag}-bad`, { faxNumber: '123' })])).toEqual([['rejected', expect.stringContaining('unknown identifier type faxNumber')]]);
    await waitForQueuesIdle(system);
    expect(await statuses([tp(`${tag}-2`, { membershipNo: membership })])).toEqual([['accepted', undefined]]);
    await waitForQueuesIdle(system);

    const found = await waitFor(
      async () => {
        const c = await byEmail(email);
        return c?.journey.totalCount === 2 && c;
      },
      30_000,
      'both touchpoints on one customer',
    );
    expect(found.identifiers).toContainEqual({ typeName: 'membershipNo', value: membership });

    await erase(email);
    expect(await byEmail(email)).toBeNull();
    expect(await statuses([tp(`${tag}-3`, { membershipNo: membership })])).toEqual([['rejected', 'SUPPRESSED']]);
  });
});
