import { personTraitsOf } from './identifiers';
import { resolveJobSchema as fromJobs } from './jobs';

describe('personTraitsOf', () => {
  it('reads traits from the touchpoint or its properties, under their names or common aliases', () => {
    expect(personTraitsOf({ traits: { firstName: 'Ada', surname: 'Lovelace', dob: '1815-12-10', shoeSize: '38' } })).toEqual({
      givenName: 'Ada',
      familyName: 'Lovelace',
      birthDate: '1815-12-10',
    });
    expect(personTraitsOf({ properties: { traits: { postcode: 'SW1Y 4JH', city: 'London' } } })).toEqual({ postcode: 'SW1Y 4JH', locality: 'London' });
  });

  it('drops what is not a non-empty string, and answers undefined when nothing is left', () => {
    expect(personTraitsOf({ traits: { givenName: 42, familyName: '  ' } })).toBeUndefined();
    expect(personTraitsOf({ properties: {} })).toBeUndefined();
  });
});

describe('resolveJobSchema', () => {
  it('accepts a record with traits and no identifier, refuses one with neither', () => {
    const base = { messageId: 'm', channel: 'store', occurredAt: '2026-01-01T00:00:00Z' };
    expect(fromJobs.safeParse({ ...base, identifiers: [], traits: { givenName: 'Ada' } }).success).toBe(true);
    expect(fromJobs.safeParse({ ...base, identifiers: [] }).success).toBe(false);
    expect(fromJobs.safeParse({ ...base, identifiers: [{ type: 'membershipNo', value: 'M1' }] }).success).toBe(true);
  });
});
