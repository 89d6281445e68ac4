import { identifierList, personTraitsOf, type TouchpointInput } from '@c360/contracts';
import type { IdentifierRegistry } from '@c360/identifiers';

/**
 * The normalised identifier keys of a touchpoint (`type:value`), as the suppression list holds
 * them. An identifier that does not normalise (a malformed email) cannot be on the list.
 */
export function identifierKeysOf(touchpoint: TouchpointInput, registry: IdentifierRegistry): string[] {
  return identifierList(touchpoint).flatMap(({ type, value }) => {
    const result = registry.normalise(type, value);
    return result.ok ? [result.identifier.key] : [];
  });
}

/** Why a touchpoint cannot be taken: it names an identifier type the deployment does not know. */
export function unknownTypeReason(touchpoint: TouchpointInput, registry: IdentifierRegistry): string | null {
  const unknown = identifierList(touchpoint).filter(({ type }) => !registry.definition(type));
  return unknown.length > 0 ? `unknown identifier type ${unknown.map((i) => i.type).join(', ')} (not built in, not in IDENTIFIER_TYPES_CONFIG)` : null;
}

/**
 * Why a touchpoint names no one, or null when it does: it has no identifier that normalises and no
 * person traits to match on, so identity resolution could never link it. The reason names types and
 * faults only, never the values (they may be personal data).
 */
export function unidentifiableReason(touchpoint: TouchpointInput, registry: IdentifierRegistry): string | null {
  if (personTraitsOf(touchpoint)) return null;
  const faults: string[] = [];
  for (const { type, value } of identifierList(touchpoint)) {
    const result = registry.normalise(type, value);
    if (result.ok) return null;
    faults.push(`${type}: ${result.reason}`);
  }
  return `no valid identifier (${faults.join('; ')})`;
}
