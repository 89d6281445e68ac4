import { createHmac } from 'node:crypto';
import type { CurrentConsent } from '../domain/consent';
import { consentAllows, partnerUpdate, signingSecrets } from './partner';
import { DEFAULT_RETRY_SCHEDULE, minimumRetrySpanMs, retryDelayMs } from './retry-schedule';
import { newWebhookSecret, webhookHeaders } from './webhook-signature';

const consent = (purpose: CurrentConsent['purpose'], status: CurrentConsent['status'], channel: CurrentConsent['channel'] = null): CurrentConsent => ({
  purpose,
  channel,
  status,
  source: 's',
  lawfulBasis: null,
  policyVersion: null,
  recordedAt: null,
  isDefault: false,
});

describe('partner consent', () => {
  it('allows only when every registered purpose is granted on every recorded channel', () => {
    expect(consentAllows([consent('third_party_sharing', 'granted')], ['third_party_sharing'])).toBe(true);
    expect(consentAllows([consent('third_party_sharing', 'granted')], ['third_party_sharing', 'profiling'])).toBe(false);
    expect(consentAllows([consent('third_party_sharing', 'granted', 'email'), consent('third_party_sharing', 'denied', 'web')], ['third_party_sharing'])).toBe(
      false,
    );
    expect(consentAllows([consent('third_party_sharing', 'withdrawn')], ['third_party_sharing'])).toBe(false);
    expect(consentAllows([], [])).toBe(false);
  });
});

describe('partner update', () => {
  const event = {
    customerId: 'c1',
    version: 3,
    mergedCustomerIds: ['c0'],
    updatedAt: '2026-01-01T00:00:00Z',
    touchpoint: { messageId: 'm', channel: 'web' as const, occurredAt: '2026-01-01T00:00:00Z' },
  };
  it('carries id and version always, other fields only when registered', () => {
    expect(partnerUpdate(event, [])).toEqual({ type: 'customer.updated', customerId: 'c1', version: 3, updatedAt: event.updatedAt });
    expect(partnerUpdate(event, ['last_touchpoint'])).toMatchObject({ lastTouchpoint: { channel: 'web' } });
    expect(partnerUpdate(event, ['last_touchpoint'])).not.toHaveProperty('mergedCustomerIds');
  });
});

describe('webhook signature', () => {
  it('signs id.timestamp.body with every overlapping secret, as Standard Webhooks does', () => {
    const [a, b] = [newWebhookSecret(), newWebhookSecret()];
    const headers = webhookHeaders([a, b], 'msg_1', 1700000000, '{"x":1}');
    const expected = [a, b].map(
      (s) =>
        `v1,${createHmac('sha256', Buffer.from(s.slice(6), 'base64'))
          .update('msg_1.1700000000.{"x":1}')
          .digest('base64')}`,
    );
    expect(headers['webhook-signature']!.split(' ')).toEqual(expected);
  });

  it('keeps a rotated-out secret only until its overlap ends', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const secrets = [
      { sealed: 'old', createdAt: now, expiresAt: new Date(now.getTime() + 1000) },
      { sealed: 'older', createdAt: now, expiresAt: new Date(now.getTime() - 1) },
      { sealed: 'new', createdAt: now, expiresAt: null },
    ];
    expect(signingSecrets({ secrets }, now)).toEqual(['old', 'new']);
  });
});

describe('retry schedule', () => {
  it('spreads the default attempts over at least 24 hours, even with the most jitter', () => {
    expect(minimumRetrySpanMs(DEFAULT_RETRY_SCHEDULE)).toBeGreaterThanOrEqual(24 * 3600_000);
  });

  it('grows exponentially, jitters downward only, and is capped', () => {
    expect(retryDelayMs(DEFAULT_RETRY_SCHEDULE, 1, 0)).toBe(30_000);
    expect(retryDelayMs(DEFAULT_RETRY_SCHEDULE, 3, 0)).toBe(120_000);
    expect(retryDelayMs(DEFAULT_RETRY_SCHEDULE, 3, 0.999)).toBeGreaterThan(90_000);
    expect(retryDelayMs(DEFAULT_RETRY_SCHEDULE, 30, 0)).toBe(DEFAULT_RETRY_SCHEDULE.maxDelayMs);
  });
});
