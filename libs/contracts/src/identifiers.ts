import { z } from 'zod';
import { wellFormedString } from './well-formed';

/**
 * Identifier types every service agrees on; identity-graph owns their normalisation (the registry in
 * `@c360/identifiers`), which may add further types by configuration.
 */
export const IDENTIFIER_TYPES = ['email', 'phone', 'anonymousId', 'deviceId', 'crmId', 'cookieId', 'loyaltyId', 'accountId', 'postalAddress'] as const;
export const identifierTypeSchema = z.enum(IDENTIFIER_TYPES);
export type IdentifierType = z.infer<typeof identifierTypeSchema>;

/** An identifier's value as sent: well-formed, because identity resolution keys customers by it. */
export const identifierValueSchema = wellFormedString().trim().min(1).max(320);

export const identifierSchema = z.object({
  type: identifierTypeSchema,
  value: identifierValueSchema,
});
export type Identifier = z.infer<typeof identifierSchema>;

/** A type name a deployment may configure beyond IDENTIFIER_TYPES (camelCase, like the built-in ones). */
export const CONFIGURED_IDENTIFIER_TYPE = /^[a-z][A-Za-z0-9]{1,31}$/;

/** What identity resolution accepts: a built-in type or a configured one, which the registry validates. */
export const resolvableIdentifierSchema = z.object({
  type: z.string().regex(CONFIGURED_IDENTIFIER_TYPE),
  value: identifierValueSchema,
});
export type ResolvableIdentifier = z.infer<typeof resolvableIdentifierSchema>;

const trait = wellFormedString().trim().max(200).optional();

/**
 * Person attributes a touchpoint may carry (a store visit, a call): what probabilistic matching and
 * the golden record work from. All optional; unknown keys are dropped.
 */
export const personTraitsSchema = z.object({
  givenName: trait,
  familyName: trait,
  /** ISO date (YYYY-MM-DD) or YYYYMMDD. */
  birthDate: trait,
  gender: trait,
  streetNumber: trait,
  street: trait,
  addressLine2: trait,
  locality: trait,
  postcode: trait,
  region: trait,
  country: trait,
  /** A national or social-security number, compared, never used as a linking key (typos are common). */
  nationalId: trait,
  email: trait,
  phone: trait,
});
export type PersonTraits = z.infer<typeof personTraitsSchema>;

/** Common spellings of trait names (Segment's identify traits, CRM exports) and the name c360 uses. */
const TRAIT_ALIASES: Readonly<Record<string, keyof PersonTraits>> = {
  firstName: 'givenName',
  first_name: 'givenName',
  lastName: 'familyName',
  last_name: 'familyName',
  surname: 'familyName',
  dateOfBirth: 'birthDate',
  birthday: 'birthDate',
  dob: 'birthDate',
  postalCode: 'postcode',
  zip: 'postcode',
  city: 'locality',
  state: 'region',
  addressLine1: 'street',
};

/**
 * Person traits carried by a touchpoint, read defensively: from a `traits` field or from
 * `properties.traits`, keeping only well-formed string values under known names (or their common
 * aliases). Undefined when there are none.
 */
export function personTraitsOf(touchpoint: object): PersonTraits | undefined {
  const t = touchpoint as { traits?: unknown; properties?: { traits?: unknown } };
  const raw = t.traits ?? t.properties?.traits;
  if (!raw || typeof raw !== 'object') return undefined;
  const named = Object.entries(raw).map(([k, v]): [string, unknown] => [TRAIT_ALIASES[k] ?? k, v]);
  const kept = Object.fromEntries(named.filter(([k, v]) => typeof v === 'string' && v.trim() && k in personTraitsSchema.shape));
  const parsed = personTraitsSchema.safeParse(kept);
  return parsed.success && Object.keys(parsed.data).length > 0 ? parsed.data : undefined;
}

/** The GraphQL enum value of a built-in identifier type: `anonymousId` is `ANONYMOUS_ID`. */
export function identifierTypeEnumValue(type: IdentifierType): string {
  return type.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();
}

/** Built-in identifier types by GraphQL enum value, for every subgraph that declares `enum IdentifierType`. */
export const IDENTIFIER_TYPE_BY_ENUM_VALUE: Readonly<Record<string, IdentifierType>> = Object.fromEntries(
  IDENTIFIER_TYPES.map((type) => [identifierTypeEnumValue(type), type]),
);
