import type { IdentifierType } from '@c360/contracts';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export type NormalisedIdentifier = { type: IdentifierType; value: string; key: string };
export type NormaliseResult = { ok: true; identifier: NormalisedIdentifier } | { ok: false; type: IdentifierType; reason: string };

// Deliberately permissive: one @, a dot in the domain, no spaces. Deliverability is not our check.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function normaliseValue(type: IdentifierType, raw: string, region: CountryCode): string | { reason: string } {
  const value = raw.trim();
  if (!value) return { reason: 'empty value' };
  switch (type) {
    case 'email': {
      const email = value.toLowerCase();
      return EMAIL.test(email) ? email : { reason: 'not an email address' };
    }
    case 'phone': {
      const phone = parsePhoneNumberFromString(value, region);
      return phone?.isValid() ? phone.number : { reason: 'not a valid phone number' };
    }
    case 'anonymousId':
    case 'deviceId':
    case 'crmId':
      return value;
  }
}

/** Emails are trimmed and lower-cased, phones become E.164 (national numbers read in `region`). */
export function normaliseIdentifier(type: IdentifierType, raw: string, region: CountryCode): NormaliseResult {
  const value = normaliseValue(type, raw, region);
  if (typeof value !== 'string') return { ok: false, type, reason: value.reason };
  return { ok: true, identifier: { type, value, key: `${type}:${value}` } };
}
