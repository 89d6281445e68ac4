import type { PersonTraits } from '@c360/contracts';
import { soundex } from './string-similarity';

/**
 * Blocking keys: a record is compared only with records sharing one. Several independent keys, each
 * built from different fields, so a typo or a missing value in one field still leaves a true match
 * sharing another key; each key is narrow enough that a block stays small.
 */
export function blockingKeys(t: PersonTraits): string[] {
  const keys: string[] = [];
  const family = t.familyName ? soundex(t.familyName) : '';
  const given = t.givenName ? soundex(t.givenName) : '';
  const year = t.birthDate?.slice(0, 4) ?? '';
  if (t.birthDate) keys.push(`dob:${t.birthDate}`);
  if (t.nationalId && t.nationalId.length >= 4) keys.push(`nid:${t.nationalId}`);
  if (t.email) keys.push(`email:${t.email}`);
  if (t.phone && t.phone.length >= 7) keys.push(`phone:${t.phone.slice(-7)}`);
  if (family && t.givenName) keys.push(`name:${family}:${t.givenName[0]}`);
  if (given && year) keys.push(`given-year:${given}:${year}`);
  if (family && year) keys.push(`family-year:${family}:${year}`);
  if (t.postcode && t.familyName) keys.push(`postcode-family:${t.postcode}:${t.familyName[0]}`);
  if (t.postcode && t.givenName) keys.push(`postcode-given:${t.postcode}:${t.givenName[0]}`);
  if (t.street && t.streetNumber) keys.push(`street:${t.streetNumber}:${soundex(t.street)}`);
  if (given && family) keys.push(`names:${given}:${family}`);
  if (given && t.locality) keys.push(`given-locality:${given}:${soundex(t.locality)}`);
  if (family && t.birthDate) keys.push(`family-day:${family}:${t.birthDate.slice(4)}`);
  const mailbox = t.email?.split('@')[0];
  if (mailbox && mailbox.length >= 4) keys.push(`mailbox:${mailbox}`);
  return keys;
}
