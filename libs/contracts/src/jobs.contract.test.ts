import { CHANNELS } from './channels';
import { parseIntakeItem } from './intake';
import { correctedOccurredAt, customerUpdatedEventSchema, ingestJobSchema, linkJobSchema, resolveJobOf, resolveJobSchema, touchpointRefOf } from './jobs';
import { DEFAULT_TIME_WINDOW } from './time-window';
import { TOUCHPOINT_TYPES, type TouchpointInput } from './touchpoint';

/** A small seeded random source, so a failure names a case that can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Candidates reach past every edge on purpose: intake decides which are accepted, and every accepted
// one must then pass every later stage.
const STRINGS = [
  'a',
  ' padded ',
  'x'.repeat(128),
  'x'.repeat(129),
  '😀',
  '𠀋-é',
  '\udfff\ud800',
  'a\ud800',
  'colon:and\nnewline',
  '\u0000',
  'é'.repeat(64),
  '  ',
  '',
];
const TIMES = [
  '1990-01-01T00:00:00Z',
  '1989-12-31T23:59:59.999Z',
  '2026-05-01T09:00:00+14:00',
  '2026-05-01T09:00:00-12:00',
  '2026-05-02T09:59:59.999Z',
  '2026-05-02T10:00:00.001Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999-05:00',
  '9999-01-01T00:00:00Z',
  '2026-05-01T10:00:00.123456789Z',
  '2000-02-29T12:00:00Z',
];
const receivedAt = new Date('2026-05-01T10:00:00Z');

function candidate(random: () => number, i: number): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const maybe = <T>(v: T): T | undefined => (random() < 0.5 ? v : undefined);
  const identifiers = Object.fromEntries(
    [
      ['email', `${pick(['ada', 'Ada.L+x', '😀'])}@example.com`],
      ['crmId', pick(STRINGS)],
      ['anonymousId', pick(STRINGS)],
      ['phone', pick(['+14155550101', '0044 20 7946 0958', pick(STRINGS)])],
    ].filter(() => random() < 0.5),
  );
  return {
    messageId: `${pick(STRINGS)}${random() < 0.7 ? i : ''}`,
    type: pick(TOUCHPOINT_TYPES),
    event: maybe(pick(STRINGS)),
    channel: pick(CHANNELS),
    occurredAt: random() < 0.5 ? pick(TIMES) : new Date(receivedAt.getTime() - random() * 40 * 365 * 86400_000).toISOString(),
    sentAt: maybe(random() < 0.5 ? pick(TIMES) : new Date(receivedAt.getTime() + (random() - 0.5) * 4 * 86400_000).toISOString()),
    identifiers,
    properties: { [pick(STRINGS)]: pick(STRINGS), nested: { list: [pick(STRINGS), 1, null, { deep: pick(STRINGS) }] } },
    traits: maybe({
      [pick(['firstName', 'surname', 'postcode', 'birthDate', pick(STRINGS)])]: pick(STRINGS),
      givenName: pick(STRINGS),
      familyName: pick(STRINGS),
    }),
    text: maybe(pick(STRINGS)),
    source: maybe(pick(STRINGS)),
  };
}

function accepted(count: number, seed: number): TouchpointInput[] {
  const random = seeded(seed);
  return Array.from({ length: count }, (_, i) => parseIntakeItem(candidate(random, i), receivedAt, DEFAULT_TIME_WINDOW)).flatMap((r) =>
    r.ok ? [r.touchpoint] : [],
  );
}

describe('what intake accepts, every later stage processes', () => {
  const items = accepted(12_000, 7);

  it('has accepted a good share of the candidates, edge cases included', () => {
    expect(items.length).toBeGreaterThan(400);
    expect(items.some((t) => t.sentAt !== undefined)).toBe(true);
    expect(items.some((t) => /[\ud800-\udbff]/.test(t.messageId))).toBe(true);
  });

  it.each([0, 1, 2, 3])('passes every job schema, slice %i', (slice) => {
    for (const touchpoint of items.filter((_, i) => i % 4 === slice)) {
      const ingest = ingestJobSchema.safeParse({ touchpoint, receivedAt: receivedAt.toISOString(), batchId: 'b1' });
      expect(ingest.error?.issues).toBeUndefined();
      const resolve = resolveJobOf(touchpoint, correctedOccurredAt(touchpoint, receivedAt));
      // identity-graph refuses a job naming no one; intake must have refused such an item.
      expect(resolveJobSchema.safeParse(resolve).error?.issues).toBeUndefined();
      const link = { messageId: resolve.messageId, customerId: 'c1', mergedCustomerIds: [], linkedAt: new Date().toISOString() };
      expect(linkJobSchema.safeParse(link).error?.issues).toBeUndefined();
      const ref = touchpointRefOf(resolve);
      const event = { customerId: 'c1', version: 1, mergedCustomerIds: [], touchpoint: ref, touchpoints: [ref], updatedAt: new Date().toISOString() };
      expect(customerUpdatedEventSchema.safeParse(event).error?.issues).toBeUndefined();
    }
  });

  it('keeps every accepted string exactly through UTF-8, the encoding MongoDB and Neo4j store', () => {
    const strings = items.flatMap((t) => [t.messageId, JSON.stringify(t)]);
    for (const s of strings) expect(Buffer.from(s, 'utf8').toString('utf8')).toBe(s);
    // So distinct messageIds stay distinct in every store.
    const ids = items.map((t) => t.messageId);
    expect(new Set(ids.map((id) => Buffer.from(id, 'utf8').toString('hex'))).size).toBe(new Set(ids).size);
  });
});

describe('touchpointRefOf', () => {
  it('carries the source and the non-identifying person traits, never names, birth date, address lines or contacts', () => {
    const job = resolveJobSchema.parse({
      messageId: 'm1',
      channel: 'store',
      occurredAt: '2026-01-01T00:00:00Z',
      identifiers: [{ type: 'email', value: 'ada@example.com' }],
      source: 'crm',
      traits: { givenName: 'Ada', birthDate: '1815-12-10', street: 'St James Sq', postcode: 'SW1Y 4JH', locality: 'London', country: 'GB', gender: 'F' },
    });
    const ref = touchpointRefOf(job);
    expect(ref.source).toBe('crm');
    expect(ref.profile).toEqual({ locality: 'London', country: 'GB', gender: 'F' });
    const { profile: _none, ...plain } = touchpointRefOf({ ...job, traits: { givenName: 'Ada' } });
    expect(_none).toBeUndefined();
    expect(plain.messageId).toBe('m1');
  });
});
