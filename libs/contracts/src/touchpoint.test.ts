import { correctClockSkew, eventKeyOf, touchpointInputSchema } from './touchpoint';

describe('correctClockSkew', () => {
  it('moves occurredAt by how far the sender clock was ahead at send time', () => {
    // Sender clock 2 h ahead: it says sent 12:00 while we received at 10:00.
    const r = correctClockSkew(new Date('2026-05-01T11:55:00Z'), new Date('2026-05-01T12:00:00Z'), new Date('2026-05-01T10:00:00Z'));
    expect(r).toEqual({ occurredAt: new Date('2026-05-01T09:55:00Z'), skewMs: 2 * 3600_000 });
  });

  it('moves it forward for a clock that is behind', () => {
    const r = correctClockSkew(new Date('2026-05-01T09:00:00Z'), new Date('2026-05-01T09:01:00Z'), new Date('2026-05-01T09:31:00Z'));
    expect(r.occurredAt.toISOString()).toBe('2026-05-01T09:30:00.000Z');
    expect(r.skewMs).toBe(-30 * 60_000);
  });

  it('keeps occurredAt when no sentAt says anything about the sender clock', () => {
    const at = new Date('2026-05-01T09:00:00Z');
    expect(correctClockSkew(at, undefined, new Date())).toEqual({ occurredAt: at, skewMs: 0 });
  });
});

describe('touchpoint contract', () => {
  const base = { messageId: 'm1', type: 'contact', channel: 'call_center', occurredAt: '2026-05-01T10:00:00Z', identifiers: { crmId: 'C1' } };

  it('accepts free text, a monetary value and sentAt', () => {
    const r = touchpointInputSchema.safeParse({
      ...base,
      text: 'Customer asked about fees',
      value: { amount: 12.5, currency: 'EUR' },
      sentAt: '2026-05-01T10:00:01Z',
    });
    expect(r.success).toBe(true);
  });

  it('refuses a currency that is not ISO 4217 shaped', () => {
    const r = touchpointInputSchema.safeParse({ ...base, value: { amount: 1, currency: 'euro' } });
    expect(r.success).toBe(false);
  });

  it('keys unnamed calls by their type', () => {
    expect(eventKeyOf({ type: 'page' })).toBe('page');
    expect(eventKeyOf({ type: 'track', event: 'Signed Up' })).toBe('Signed Up');
  });
});
