import { identifierList, type TouchpointInput } from '@c360/contracts';
import { normaliseIdentifier } from '@c360/identifiers';
import type { CountryCode } from 'libphonenumber-js';

/**
 * The normalised identifier keys of a touchpoint (`type:value`), as the suppression list holds
 * them. An identifier that does not normalise (a malformed email) cannot be on the list.
 */
export function identifierKeysOf(touchpoint: TouchpointInput, region: CountryCode): string[] {
  return identifierList(touchpoint).flatMap(({ type, value }) => {
    const result = normaliseIdentifier(type, value, region);
    return result.ok ? [result.identifier.key] : [];
  });
}
