import type { TouchpointInput } from '@c360/contracts';
import { uniqueName } from '@c360/testing';
import { eraseByEmail, postBatch, System, tokenFor, waitForQueuesIdle } from './system';

/**
 * An erased person must not come back through their traits: a record with no identifier, only the
 * name and birth date (or name and address) of someone erased, is refused like their identifiers.
 */
const system = new System();
let token: string;

beforeAll(async () => {
  await system.start();
  token = await tokenFor({ subject: 'e2e-officer', roles: ['service', 'compliance'], scopes: [] });
}, 180_000);

afterAll(() => system.stop(), 60_000);

/** A family name of letters only (names are compared on letters), unique to the run. */
function familyName(): string {
  return uniqueName('x')
    .slice(2)
    .replace(/[0-9]/g, (d) => 'ghijklmnop'[Number(d)] ?? 'q');
}

function visit(messageId: string, traits: Record<string, string>, identifiers: TouchpointInput['identifiers'] = {}): TouchpointInput {
  return { messageId, type: 'visit', channel: 'store', occurredAt: '2026-10-01T09:00:00Z', identifiers, properties: {}, traits };
}

async function statuses(items: TouchpointInput[]): Promise<[string, string | undefined][]> {
  return (await postBatch(system, items, token)).body.results.map((r) => [r.status, r.reason]);
}

describe('erased people do not come back through their traits', () => {
  it('refuses a traits-only record naming an erased person by name and birth date, or by name and address, and takes anyone else', async () => {
    const tag = uniqueName('t');
    const email = `${tag}@example.com`;
    const person = { givenName: 'Ada', familyName: familyName(), birthDate: '1985-03-07', streetNumber: '12', street: 'High Street', postcode: 'SW1A 1AA' };
    expect(await statuses([visit(`${tag}-known`, person, { email })])).toEqual([['accepted', undefined]]);
    await waitForQueuesIdle(system);

    expect((await eraseByEmail(system, email, token)).status).toBe('COMPLETED');

    const { givenName, familyName: family, birthDate, streetNumber, street, postcode } = person;
    expect(
      await statuses([
        visit(`${tag}-born`, { firstName: givenName.toUpperCase(), lastName: family, dob: '19850307' }),
        visit(`${tag}-lives`, { givenName, familyName: family, streetNumber, street: 'High St', postcode: 'sw1a1aa' }),
        visit(`${tag}-namesake`, { givenName, familyName: family, birthDate: '1990-01-01' }),
        visit(`${tag}-stranger`, { givenName: 'Grace', familyName: familyName(), birthDate, streetNumber, street, postcode }),
      ]),
    ).toEqual([
      ['rejected', 'SUPPRESSED'],
      ['rejected', 'SUPPRESSED'],
      ['accepted', undefined],
      ['accepted', undefined],
    ]);
  });
});
