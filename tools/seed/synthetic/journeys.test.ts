import { CHANNELS, touchpointInputSchema } from '@c360/contracts';
import { syntheticTouchpoints } from './journeys';

const take = (seed: number, customers: number, maxTouchpoints?: number) => [
  ...syntheticTouchpoints({ seed, customers, ...(maxTouchpoints ? { maxTouchpoints } : {}) }),
];

describe('syntheticTouchpoints', () => {
  const data = take(7, 300);

  it('is deterministic from its seed, and differs between seeds', () => {
    expect(take(7, 300)).toEqual(data);
    expect(take(8, 300).map((t) => t.touchpoint)).not.toEqual(data.map((t) => t.touchpoint));
  });

  it('keeps earlier customers unchanged when more are generated', () => {
    const more = take(7, 400);
    expect(more.slice(0, data.length)).toEqual(data);
  });

  it('produces valid touchpoints on every channel, with unique messageIds', () => {
    expect(data.every((d) => touchpointInputSchema.safeParse(d.touchpoint).success)).toBe(true);
    // Every channel but chat, whose touchpoints come from generation's conversations, not from the past.
    expect(new Set(data.map((d) => d.touchpoint.channel))).toEqual(new Set(CHANNELS.filter((c) => c !== 'chat')));
    expect(new Set(data.map((d) => d.touchpoint.messageId)).size).toBe(data.length);
  });

  it('records ground truth and gives offline records typos and missing identifiers', () => {
    const byPerson = new Map<string, string[]>();
    for (const d of data) byPerson.set(d.personKey, [...(byPerson.get(d.personKey) ?? []), d.touchpoint.identifiers.email ?? '']);
    // A person's emails are one address, except where an offline clerk mistyped it.
    const emails = [...byPerson.values()].map((list) => new Set(list.filter(Boolean)));
    expect(emails.some((set) => set.size > 1)).toBe(true);
    const offline = data.filter((d) => ['call_center', 'store', 'event', 'direct_mail', 'advisor'].includes(d.touchpoint.channel));
    expect(offline.some((d) => d.touchpoint.identifiers.email === undefined)).toBe(true);
    expect(offline.some((d) => d.touchpoint.identifiers.phone !== undefined && !d.touchpoint.identifiers.phone.startsWith('+'))).toBe(true);
  });

  it('has conversions, and more activity in the holiday season than in January', () => {
    const big = take(3, 2000);
    const month = (m: number) => big.filter((d) => new Date(d.touchpoint.occurredAt).getUTCMonth() === m).length;
    expect(month(11)).toBeGreaterThan(month(0) * 1.5);
    expect(big.filter((d) => d.touchpoint.event === 'Order Completed').length).toBeGreaterThan(100);
  });

  it('stops at maxTouchpoints', () => {
    expect(take(7, 300, 1000)).toHaveLength(1000);
  });
});
