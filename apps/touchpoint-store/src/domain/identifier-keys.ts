import { identifierList, personTraitsOf, type TouchpointInput } from '@c360/contracts';
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

/**
 * Why a touchpoint names no one, or null when it does: it has no identifier that normalises and no
 * person traits to match on, so identity resolution could never link it. The reason names types and
 * faults only, never the values (they may be personal data).
 */
export function unidentifiableReason(touchpoint: TouchpointInput, region: CountryCode): string | null {
  if (personTraitsOf(touchpoint)) return null;
  const faults: string[] = [];
  for (const { type, value } of identifierList(touchpoint)) {
    const result = normaliseIdentifier(type, value, region);
    if (result.ok) return null;
    faults.push(`${type}: ${result.reason}`);
  }
  return `no valid identifier (${faults.join('; ')})`;
}
