import { normaliseTraits, personTraitKeys } from './person-traits.normaliser';

describe('person trait keys', () => {
  it('names a person by full name with birth date, and with street address and postcode, whatever the spelling of the input', () => {
    const a = personTraitKeys(
      normaliseTraits({ givenName: 'Zoë', familyName: "O'Brien", birthDate: '1985-03-07', streetNumber: '12', street: 'High Street', postcode: 'sw1a 1aa' }),
    );
    const b = personTraitKeys(
      normaliseTraits({ givenName: ' ZOE ', familyName: "o'brien", birthDate: '19850307', streetNumber: '12', street: 'High St', postcode: 'SW1A1AA' }),
    );
    expect(a).toHaveLength(2);
    expect(b).toEqual(a);
  });

  it('makes no key from part of a person: a name alone, a birth date without a family name, an address without a postcode', () => {
    expect(personTraitKeys(normaliseTraits({ givenName: 'Zoe', familyName: 'Obrien' }))).toEqual([]);
    expect(personTraitKeys(normaliseTraits({ givenName: 'Zoe', birthDate: '1985-03-07' }))).toEqual([]);
    expect(personTraitKeys(normaliseTraits({ givenName: 'Zoe', familyName: 'Obrien', streetNumber: '12', street: 'High Street' }))).toEqual([]);
    expect(personTraitKeys(null)).toEqual([]);
  });

  it('tells two people apart by birth date', () => {
    const one = personTraitKeys(normaliseTraits({ givenName: 'Zoe', familyName: 'Obrien', birthDate: '1985-03-07' }));
    const other = personTraitKeys(normaliseTraits({ givenName: 'Zoe', familyName: 'Obrien', birthDate: '1985-03-08' }));
    expect(one).not.toEqual(other);
  });
});
