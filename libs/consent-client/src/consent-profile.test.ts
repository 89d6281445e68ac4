import { decideConsent, type ConsentProfile } from './consent-profile';

const profile = (overrides: Partial<ConsentProfile> = {}): ConsentProfile => ({
  customerId: 'c1',
  restricted: false,
  consents: [
    { purpose: 'profiling', channel: null, status: 'granted' },
    { purpose: 'email_marketing', channel: null, status: 'denied' },
    { purpose: 'email_marketing', channel: 'email', status: 'granted' },
    { purpose: 'sms_marketing', channel: null, status: 'withdrawn' },
  ],
  ...overrides,
});

describe('decideConsent', () => {
  it('allows a purpose granted on every channel, with or without a channel asked', () => {
    expect(decideConsent(profile(), 'profiling')).toEqual({ allowed: true, reason: 'granted' });
    expect(decideConsent(profile(), 'profiling', 'web')).toEqual({ allowed: true, reason: 'granted' });
  });

  it('lets a consent recorded for the channel beat the one covering every channel', () => {
    expect(decideConsent(profile(), 'email_marketing', 'email')).toEqual({ allowed: true, reason: 'granted' });
    expect(decideConsent(profile(), 'email_marketing', 'web')).toEqual({ allowed: false, reason: 'denied' });
    expect(decideConsent(profile(), 'email_marketing')).toEqual({ allowed: false, reason: 'denied' });
  });

  it('refuses a withdrawn consent and a purpose governance does not list', () => {
    expect(decideConsent(profile(), 'sms_marketing')).toEqual({ allowed: false, reason: 'withdrawn' });
    expect(decideConsent(profile(), 'mind_reading')).toEqual({ allowed: false, reason: 'denied' });
  });

  it('refuses everything for a restricted customer, granted purposes included', () => {
    expect(decideConsent(profile({ restricted: true }), 'profiling')).toEqual({ allowed: false, reason: 'restricted' });
  });
});
