import { touchpointInputSchema } from '@c360/contracts';
import { defaultIdentifierPolicy, identifierRegistryFrom } from '@c360/identifiers';
import { suppressionKeysOf, unidentifiableReason, unknownTypeReason } from './identifier-keys';

const US = identifierRegistryFrom(defaultIdentifierPolicy());

const item = (extra: Record<string, unknown>) =>
  touchpointInputSchema.parse({ messageId: 'm1', type: 'visit', channel: 'store', occurredAt: '2026-05-01T10:00:00Z', ...extra });

describe('identifier keys of a touchpoint', () => {
  it('keeps the identifiers that normalise, as suppression-list keys', () => {
    expect(suppressionKeysOf(item({ identifiers: { email: ' Ada@Example.com ', phone: '12' } }), US)).toEqual(['email:ada@example.com']);
  });

  it('names a touchpoint none of whose identifiers normalise, by type and fault but never by value', () => {
    const reason = unidentifiableReason(item({ identifiers: { email: 'ada-at-example', phone: '12' } }), US);
    expect(reason).toBe('no valid identifier (email: not an email address; phone: not a valid phone number)');
    expect(reason).not.toContain('ada-at-example');
  });

  it('lets through a touchpoint with one good identifier, or with person traits to match on', () => {
    expect(unidentifiableReason(item({ identifiers: { email: 'ada-at-example', crmId: 'C-1' } }), US)).toBeNull();
    expect(unidentifiableReason(item({ identifiers: { email: 'ada-at-example' }, traits: { firstName: 'Ada', surname: 'Lovelace' } }), US)).toBeNull();
  });

  it('reads identifiers with the configured policy: +tags folded for the domains it names, configured types known', () => {
    const policy = identifierRegistryFrom(
      defaultIdentifierPolicy({ EMAIL_PLUS_INSENSITIVE_DOMAINS: 'mail.example.org', IDENTIFIER_TYPES_CONFIG: '[{"type":"membershipNo"}]' }),
    );
    const t = item({ identifiers: { email: 'ada+news@mail.example.org', membershipNo: 'M-1' } });
    expect(suppressionKeysOf(t, policy)).toEqual(['email:ada@mail.example.org', 'membershipNo:M-1']);
    expect(unknownTypeReason(t, policy)).toBeNull();
    expect(unknownTypeReason(t, US)).toBe('unknown identifier type membershipNo (not built in, not in IDENTIFIER_TYPES_CONFIG)');
  });

  it('checks suppression by identifiers, and by the person traits of a record none of whose identifiers normalises', () => {
    const traits = { firstName: 'Ada', surname: 'Lovelace', dob: '1815-12-10' };
    expect(suppressionKeysOf(item({ identifiers: { email: 'ada@example.com' }, traits }), US)).toEqual(['email:ada@example.com']);
    expect(suppressionKeysOf(item({ identifiers: { email: 'ada-at-example' }, traits }), US)).toEqual(['person-trait:ada|lovelace|born:18151210']);
    expect(suppressionKeysOf(item({ traits: { firstName: 'Ada' } }), US)).toEqual([]);
  });
});
