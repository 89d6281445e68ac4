import { currentConsents, PURPOSES, type ConsentEntry } from './consent';

const entry = (overrides: Partial<ConsentEntry>): ConsentEntry => ({
  purpose: 'email_marketing',
  channel: 'email',
  status: 'granted',
  source: 'web-form',
  lawfulBasis: 'consent',
  policyVersion: 'v1',
  recordedAt: new Date('2026-01-01T00:00:00Z'),
  ...overrides,
});

describe('currentConsents', () => {
  it('shows every purpose with its default when nothing was recorded, denying all but the configured ones', () => {
    const consents = currentConsents([], new Set(['analytics']));
    expect(consents.map((c) => c.purpose)).toEqual([...PURPOSES]);
    expect(consents.every((c) => c.isDefault && c.channel === null && c.source === 'default')).toBe(true);
    expect(consents.filter((c) => c.status === 'granted').map((c) => c.purpose)).toEqual(['analytics']);
  });

  it('lets the latest entry win per purpose and channel, whatever order entries arrive in', () => {
    const granted = entry({ recordedAt: new Date('2026-01-01T00:00:00Z') });
    const withdrawn = entry({ status: 'withdrawn', recordedAt: new Date('2026-02-01T00:00:00Z') });
    const sms = entry({ purpose: 'sms_marketing', channel: null, recordedAt: new Date('2026-01-15T00:00:00Z') });
    const consents = currentConsents([withdrawn, sms, granted], new Set());
    expect(consents.find((c) => c.purpose === 'email_marketing')).toMatchObject({ status: 'withdrawn', isDefault: false });
    expect(consents.find((c) => c.purpose === 'sms_marketing')).toMatchObject({ status: 'granted', channel: null });
    expect(consents.find((c) => c.purpose === 'profiling')).toMatchObject({ status: 'denied', isDefault: true });
  });

  it('keeps a consent per channel apart', () => {
    const consents = currentConsents([entry({ channel: 'email' }), entry({ channel: 'web', status: 'denied' })], new Set());
    expect(consents.filter((c) => c.purpose === 'email_marketing').map((c) => [c.channel, c.status])).toEqual([
      ['email', 'granted'],
      ['web', 'denied'],
    ]);
  });
});
