import { normaliseIdentifier } from './normalise-identifier';

describe('normaliseIdentifier', () => {
  it('trims and lower-cases emails', () => {
    expect(normaliseIdentifier('email', '  Ada.Lovelace@Example.COM ', 'US')).toEqual({
      ok: true,
      identifier: { type: 'email', value: 'ada.lovelace@example.com', key: 'email:ada.lovelace@example.com' },
    });
  });

  it('rejects what is not an email', () => {
    expect(normaliseIdentifier('email', 'ada at example', 'US')).toMatchObject({ ok: false, reason: 'not an email address' });
  });

  it.each([
    ['+1 (415) 555-0101', 'US', '+14155550101'],
    ['(415) 555-0101', 'US', '+14155550101'],
    ['020 7946 0958', 'GB', '+442079460958'],
    ['+44 20 7946 0958', 'US', '+442079460958'],
  ] as const)('writes %s read in %s as E.164', (raw, region, expected) => {
    const result = normaliseIdentifier('phone', raw, region);
    expect(result.ok && result.identifier.value).toBe(expected);
  });

  it('rejects an invalid phone number', () => {
    expect(normaliseIdentifier('phone', '12', 'US')).toMatchObject({ ok: false, reason: 'not a valid phone number' });
  });

  it('keeps opaque ids as sent, trimmed', () => {
    expect(normaliseIdentifier('crmId', ' CRM-001 ', 'US')).toMatchObject({ ok: true, identifier: { key: 'crmId:CRM-001' } });
    expect(normaliseIdentifier('deviceId', '   ', 'US')).toMatchObject({ ok: false, reason: 'empty value' });
  });
});
