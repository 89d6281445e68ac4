import { defaultIdentifierPolicy, identifierRegistryFrom } from './identifier-policy';

function normaliseIdentifier(type: string, raw: string, region: string) {
  return identifierRegistryFrom(defaultIdentifierPolicy({ DEFAULT_PHONE_REGION: region })).normalise(type, raw);
}

describe('the default identifier policy', () => {
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

describe('a configured identifier policy', () => {
  it('folds +tags for the domains it names, and only those', () => {
    const registry = identifierRegistryFrom(defaultIdentifierPolicy({ EMAIL_PLUS_INSENSITIVE_DOMAINS: 'mail.example.org' }));
    expect(registry.normalise('email', 'Ada+News@mail.example.org')).toMatchObject({ ok: true, identifier: { key: 'email:ada@mail.example.org' } });
    expect(registry.normalise('email', 'ada+news@outlook.com')).toMatchObject({ ok: true, identifier: { key: 'email:ada+news@outlook.com' } });
  });

  it('knows the identifier types it adds', () => {
    const registry = identifierRegistryFrom(defaultIdentifierPolicy({ IDENTIFIER_TYPES_CONFIG: '[{"type":"membershipNo","pattern":"^M-[0-9]+$"}]' }));
    expect(registry.normalise('membershipNo', ' M-42 ')).toMatchObject({ ok: true, identifier: { key: 'membershipNo:M-42' } });
    expect(registry.normalise('membershipNo', 'X-42')).toMatchObject({ ok: false });
    expect(identifierRegistryFrom(defaultIdentifierPolicy()).normalise('membershipNo', 'M-42')).toMatchObject({ ok: false, reason: 'unknown identifier type' });
  });

  it('refuses a malformed policy naming the variable', () => {
    expect(() => defaultIdentifierPolicy({ IDENTIFIER_TYPES_CONFIG: '[{"type":1}]' })).toThrow(/IDENTIFIER_TYPES_CONFIG/);
    expect(() => defaultIdentifierPolicy({ EMAIL_PLUS_INSENSITIVE_DOMAINS: 'not a domain' })).toThrow(/EMAIL_PLUS_INSENSITIVE_DOMAINS/);
  });
});
