import { IdentifierRegistry, parseIdentifierTypesConfig } from './identifier-registry';
import { normaliseEmail } from './email.normaliser';
import { normalisePostalAddress } from './postal-address.normaliser';

const registry = new IdentifierRegistry({ defaultRegion: 'US' });

describe('email normaliser', () => {
  it('folds dots and +tags for gmail, where they reach the same inbox', () => {
    expect(normaliseEmail(' Ada.Love.Lace+News@GMail.com ')).toBe('adalovelace@gmail.com');
  });

  it('keeps dots where the provider treats them as significant', () => {
    expect(normaliseEmail('ada.lovelace+x@example.com')).toBe('ada.lovelace+x@example.com');
  });

  it('folds +tags per configured domain only', () => {
    const options = { dotInsensitiveDomains: [], plusInsensitiveDomains: ['example.com'] };
    expect(normaliseEmail('ada.l+x@example.com', options)).toBe('ada.l@example.com');
    expect(normaliseEmail('a.b@gmail.com', options)).toBe('a.b@gmail.com');
  });

  it('rejects a local part that is nothing but a tag', () => {
    expect(normaliseEmail('+news@gmail.com')).toEqual({ reason: 'not an email address' });
  });
});

describe('postal address normaliser', () => {
  it('writes one address the same way however it was typed', () => {
    expect(normalisePostalAddress('12 Main St., Apt 4, Springfield')).toBe('12 main street apartment 4 springfield');
    expect(normalisePostalAddress('12  MAIN street apartment 4 Springfield')).toBe('12 main street apartment 4 springfield');
  });

  it('keeps unit separators and drops accents', () => {
    expect(normalisePostalAddress('2/98 Rue de la Paix, Genève')).toBe('2/98 rue de la paix geneve');
  });

  it('rejects text that is not an address', () => {
    expect(normalisePostalAddress('n/a')).toMatchObject({ reason: expect.stringMatching(/not a postal address/) });
  });
});

describe('IdentifierRegistry', () => {
  it('ranks types by priority, unique business keys first', () => {
    expect(
      registry
        .types()
        .map((t) => t.type)
        .slice(0, 3),
    ).toEqual(['crmId', 'accountId', 'loyaltyId']);
  });

  it('declares per-customer limits and which types are unique', () => {
    expect(registry.definition('crmId')).toMatchObject({ limit: 1, unique: true });
    expect(registry.definition('email')).toMatchObject({ limit: 5, unique: false });
    expect(registry.definition('cookieId')).toMatchObject({ limit: 50 });
    expect(registry.definition('postalAddress')).toMatchObject({ links: false });
  });

  it('rejects an unknown type and an empty value with a reason', () => {
    expect(registry.normalise('shoeSize', '42')).toEqual({ ok: false, type: 'shoeSize', reason: 'unknown identifier type' });
    expect(registry.normalise('cookieId', '  ')).toEqual({ ok: false, type: 'cookieId', reason: 'empty value' });
  });

  it('normalises phones to E.164 in the configured default region', () => {
    const gb = new IdentifierRegistry({ defaultRegion: 'GB' });
    expect(gb.normalise('phone', '020 7946 0958')).toMatchObject({ ok: true, identifier: { key: 'phone:+442079460958' } });
  });

  it('adds a configured type with its own pattern, and changes a built-in limit', () => {
    const configured = new IdentifierRegistry({
      defaultRegion: 'US',
      configured: parseIdentifierTypesConfig(
        '[{"type":"membershipNo","priority":85,"limit":1,"unique":true,"pattern":"^m[0-9]{6}$","caseInsensitive":true},{"type":"email","limit":2}]',
      ),
    });
    expect(configured.normalise('membershipNo', ' M123456 ')).toMatchObject({ ok: true, identifier: { key: 'membershipNo:m123456' } });
    expect(configured.normalise('membershipNo', 'X1')).toMatchObject({ ok: false, reason: 'does not match the membershipNo pattern' });
    expect(configured.definition('membershipNo')).toMatchObject({ priority: 85, unique: true });
    expect(configured.definition('email')).toMatchObject({ limit: 2, priority: 70 });
    expect(configured.normalise('email', 'A.B@gmail.com')).toMatchObject({ ok: true, identifier: { value: 'ab@gmail.com' } });
  });

  it('refuses a malformed configuration', () => {
    expect(() => parseIdentifierTypesConfig('[{"type":"Bad Name"}]')).toThrow();
  });
});
