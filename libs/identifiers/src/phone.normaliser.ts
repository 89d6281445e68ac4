import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** E.164; national numbers are read in `region`. */
export function normalisePhone(raw: string, region: CountryCode): string | { reason: string } {
  const phone = parsePhoneNumberFromString(raw.trim(), region);
  return phone?.isValid() ? phone.number : { reason: 'not a valid phone number' };
}
