import type { PersonTraits } from '@c360/contracts';
import { blockingKeys } from './blocking';
import { comparisonVector, DEFAULT_MATCH_MODEL, type MatchModel } from './comparison-model';
import { createFellegiSunterMatcher, scorePair } from './fellegi-sunter';
import { normaliseTraits } from '@c360/identifiers';

const person = (t: PersonTraits) => normaliseTraits(t)!;
const ada = person({
  givenName: 'Ada',
  familyName: 'Lovelace',
  birthDate: '1815-12-10',
  streetNumber: '12',
  street: 'St James Sq.',
  locality: 'London',
  postcode: 'SW1Y 4JH',
});
const model: MatchModel = { ...DEFAULT_MATCH_MODEL, upper: 18, lower: 10 };
const match = createFellegiSunterMatcher(model);

describe('person traits', () => {
  it('standardises names, dates, postcodes and streets so equal values compare equal', () => {
    expect(ada).toEqual({
      givenName: 'ada',
      familyName: 'lovelace',
      birthDate: '18151210',
      streetNumber: '12',
      street: 'street james square',
      locality: 'london',
      postcode: 'SW1Y4JH',
    });
    expect(normaliseTraits({ birthDate: '1815-13-10', givenName: '  ' })).toBeNull();
  });
});

describe('Fellegi–Sunter scoring', () => {
  it('rates a typo in the name and a transposed date as close, not different', () => {
    const typo = person({ givenName: 'Adda', familyName: 'Lovelace', birthDate: '1815-10-12' });
    const levels = comparisonVector(model, ada, typo);
    expect(levels.slice(0, 3)).toEqual([1, 0, 1]);
  });

  it('adds weight for agreement, takes it away for disagreement, ignores missing fields', () => {
    const same = scorePair(model, ada, ada).score;
    const partial = scorePair(model, ada, person({ givenName: 'Ada', familyName: 'Lovelace' })).score;
    const other = scorePair(model, ada, person({ givenName: 'Mary', familyName: 'Shelley', birthDate: '1797-08-30', locality: 'London' })).score;
    expect(same).toBeGreaterThan(partial);
    expect(partial).toBeGreaterThan(0);
    expect(other).toBeLessThan(0);
  });

  it('forgives given and family names entered the wrong way round', () => {
    const swapped = person({ givenName: 'Lovelace', familyName: 'Ada', birthDate: '1815-12-10', postcode: 'SW1Y 4JH' });
    expect(scorePair(model, swapped, ada).score).toBeGreaterThan(model.upper);
  });
});

describe('Fellegi–Sunter decision with two thresholds', () => {
  const candidate = (traits: PersonTraits, customerId = 'c1') => ({ messageId: `m-${customerId}`, customerId, traits });

  it('matches above the upper threshold', () => {
    const visit = person({ givenName: 'Ada', familyName: 'Lovelace', birthDate: '1815-12-10', postcode: 'SW1Y4JH' });
    expect(match(visit, [candidate(ada)])).toMatchObject({ kind: 'match', customerId: 'c1' });
  });

  it('asks for a review between the thresholds', () => {
    // A similar name, nothing else known: plausible, not certain.
    const call = person({ givenName: 'Ada', familyName: 'Lovelase' });
    const decision = match(call, [candidate(ada)]);
    expect(decision.kind).toBe('review');
    expect(decision.kind !== 'none' && decision.comparisons.map((c) => c.field)).toEqual(['givenName', 'familyName']);
  });

  it('creates a new customer below the lower threshold', () => {
    const stranger = person({ givenName: 'Charles', familyName: 'Babbage', birthDate: '1791-12-26', locality: 'London' });
    expect(match(stranger, [candidate(ada)])).toMatchObject({ kind: 'none' });
    expect(match(stranger, [])).toEqual({ kind: 'none', score: null });
  });

  it('picks the best-scoring candidate', () => {
    const namesake = person({ givenName: 'Ada', familyName: 'Lovelace', birthDate: '1990-01-01' });
    const visit = person({ givenName: 'Ada', familyName: 'Lovelace', birthDate: '1815-12-10' });
    expect(match(visit, [candidate(namesake, 'c2'), candidate(ada, 'c1')])).toMatchObject({ customerId: 'c1' });
  });
});

describe('blocking', () => {
  it('gives a record with a typo in every name field still a key in common with the original', () => {
    const typo = person({ givenName: 'Adda', familyName: 'Lovelaec', birthDate: '1815-12-10', postcode: 'SW1Y 4JH' });
    const shared = blockingKeys(ada).filter((k) => blockingKeys(typo).includes(k));
    expect(shared.length).toBeGreaterThan(0);
  });

  it('keeps keys narrow: nothing is blocked on a region or a gender alone', () => {
    expect(blockingKeys(person({ region: 'nsw', gender: 'f' }))).toEqual([]);
  });
});

describe('household guard', () => {
  it('sends a same-address record whose name and birth date disagree to review, not to a merge', () => {
    const sibling = person({
      givenName: 'Ada',
      familyName: 'Byron',
      birthDate: '1820-03-01',
      streetNumber: '12',
      street: 'St James Sq.',
      locality: 'London',
      postcode: 'SW1Y 4JH',
    });
    expect(scorePair(model, sibling, ada).score).toBeGreaterThan(model.upper);
    expect(match(sibling, [{ messageId: 'm', customerId: 'c1', traits: ada }])).toMatchObject({ kind: 'review' });
  });
});
