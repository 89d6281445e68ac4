import { identifierList, personTraitsOf, type PersonTraits, type TouchpointInput } from '@c360/contracts';
import { normaliseTraits, personTraitKeys, type IdentifierRegistry } from '@c360/identifiers';

/**
 * The keys the suppression list is checked with (`type:value`, as the list holds them): the
 * identifiers that normalise, or, when none does, the keys the person traits name someone by.
 * Identity resolution would match such a record on its traits, so an erased person's name and birth
 * date must not slip back in on their own. An identifier that does not normalise cannot be listed.
 */
export function suppressionKeys(identifiers: Readonly<Record<string, unknown>>, traits: PersonTraits | undefined, registry: IdentifierRegistry): string[] {
  const keys = Object.entries(identifiers).flatMap(([type, value]) => {
    const result = typeof value === 'string' ? registry.normalise(type, value) : null;
    return result?.ok ? [result.identifier.key] : [];
  });
  return keys.length > 0 ? keys : personTraitKeys(normaliseTraits(traits));
}

export function suppressionKeysOf(touchpoint: TouchpointInput, registry: IdentifierRegistry): string[] {
  return suppressionKeys(touchpoint.identifiers, personTraitsOf(touchpoint), registry);
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
