import type { PersonTraits } from '@c360/contracts';
import { survivorshipOrder as ranking, type SourceTrust } from '@c360/identifiers';

/** One value seen for a customer: from a touchpoint's traits or an identifier. */
export interface Observation {
  source: string;
  observedAt: Date;
  traits: PersonTraits;
}

export interface SurvivingValue {
  value: string;
  source: string;
  observedAt: Date;
}

export interface GoldenAddress {
  streetNumber: string | null;
  street: string | null;
  addressLine2: string | null;
  locality: string | null;
  postcode: string | null;
  region: string | null;
  country: string | null;
  source: string;
  observedAt: Date;
}

export interface GoldenRecord {
  givenName: SurvivingValue | null;
  familyName: SurvivingValue | null;
  birthDate: SurvivingValue | null;
  gender: SurvivingValue | null;
  address: GoldenAddress | null;
  emails: SurvivingValue[];
  phones: SurvivingValue[];
}

export type { SourceTrust } from '@c360/identifiers';

const ADDRESS_FIELDS = ['streetNumber', 'street', 'addressLine2', 'locality', 'postcode', 'region', 'country'] as const;

function survivor(observations: readonly Observation[], field: keyof PersonTraits, trust: SourceTrust): SurvivingValue | null {
  const best = observations.filter((o) => o.traits[field]).sort(ranking(trust))[0];
  const value = best?.traits[field];
  return best && value ? { value, source: best.source, observedAt: best.observedAt } : null;
}

/**
 * The golden record: each attribute from the most trusted source that has it, the most recent
 * observation breaking ties. An address is taken whole from one observation, never assembled from
 * parts of several (a street from one and a postcode from another would be no one's address).
 * Emails and phones are all kept, best first.
 */
export function buildGoldenRecord(
  observations: readonly Observation[],
  contacts: { emails: SurvivingValue[]; phones: SurvivingValue[] },
  trust: SourceTrust,
): GoldenRecord {
  const withAddress = observations.filter((o) => o.traits.street || o.traits.postcode || o.traits.locality).sort(ranking(trust))[0];
  const address: GoldenAddress | null = withAddress
    ? ({
        ...Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, withAddress.traits[f] ?? null])),
        source: withAddress.source,
        observedAt: withAddress.observedAt,
      } as GoldenAddress)
    : null;
  return {
    givenName: survivor(observations, 'givenName', trust),
    familyName: survivor(observations, 'familyName', trust),
    birthDate: survivor(observations, 'birthDate', trust),
    gender: survivor(observations, 'gender', trust),
    address,
    emails: [...contacts.emails].sort(ranking(trust)),
    phones: [...contacts.phones].sort(ranking(trust)),
  };
}
