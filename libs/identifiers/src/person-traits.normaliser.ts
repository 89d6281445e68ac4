import type { PersonTraits } from '@c360/contracts';
import { standardiseAddressText } from './postal-address.normaliser';

const name = (raw: string) =>
  raw
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z\s'-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** YYYYMMDD from YYYY-MM-DD, YYYYMMDD or YYYY/MM/DD; anything else (or an impossible date) is dropped. */
export function normaliseBirthDate(raw: string): string {
  const digits = raw.trim().replace(/[-/.\s]/g, '');
  if (!/^\d{8}$/.test(digits)) return '';
  const [month, day] = [Number(digits.slice(4, 6)), Number(digits.slice(6, 8))];
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? digits : '';
}

const NORMALISERS: Record<keyof PersonTraits, (raw: string) => string> = {
  givenName: name,
  familyName: name,
  birthDate: normaliseBirthDate,
  gender: (v) => v.trim().toLowerCase().slice(0, 1),
  streetNumber: (v) => v.toLowerCase().replace(/[^a-z0-9/-]/g, ''),
  street: standardiseAddressText,
  addressLine2: standardiseAddressText,
  locality: standardiseAddressText,
  postcode: (v) => v.toUpperCase().replace(/[^A-Z0-9]/g, ''),
  region: (v) => v.trim().toLowerCase(),
  country: (v) => v.trim().toLowerCase(),
  nationalId: (v) => v.toUpperCase().replace(/[^A-Z0-9]/g, ''),
  email: (v) => v.trim().toLowerCase(),
  phone: (v) => v.replace(/\D/g, ''),
};

/** Traits in the form they are compared and stored in; empty values are left out. Null when none remains. */
export function normaliseTraits(raw: PersonTraits | undefined): PersonTraits | null {
  if (!raw) return null;
  const traits: PersonTraits = {};
  for (const [field, normalise] of Object.entries(NORMALISERS) as [keyof PersonTraits, (v: string) => string][]) {
    const value = raw[field];
    if (value === undefined) continue;
    const normalised = normalise(value);
    if (normalised) traits[field] = normalised;
  }
  return Object.keys(traits).length > 0 ? traits : null;
}

/**
 * Keys that name a person without any identifier, from normalised traits: full name with birth date,
 * and full name with street address and postcode, the combinations identity resolution matches
 * traits-only records on. Erasure suppresses their keyed hashes like identifier keys, so a record
 * carrying only an erased person's name and birth date (or address) is refused at intake instead of
 * rebuilding their golden record. A key needs every part; a partial one would match strangers. The
 * prefix has a hyphen, which no identifier type name can, so a trait key never equals an identifier key.
 */
export function personTraitKeys(traits: PersonTraits | null): string[] {
  if (!traits?.givenName || !traits.familyName) return [];
  const person = `person-trait:${traits.givenName}|${traits.familyName}`;
  const keys: string[] = [];
  if (traits.birthDate) keys.push(`${person}|born:${traits.birthDate}`);
  if (traits.streetNumber && traits.street && traits.postcode) keys.push(`${person}|lives:${traits.streetNumber} ${traits.street}|${traits.postcode}`);
  return keys;
}
