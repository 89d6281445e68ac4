import { z } from 'zod';

/** At most this many attributes per touchpoint, each value at most this long: a CRM row, not a document. */
export const MAX_MODEL_ATTRIBUTES = 64;
export const MAX_MODEL_ATTRIBUTE_LENGTH = 120;
const NAME = /^[A-Za-z][A-Za-z0-9_ .-]{0,63}$/;

/**
 * Trait names that identify a person (and their common aliases): kept out of model attributes, which
 * travel on customer.updated to services that only need to learn from behaviour and profile facts.
 */
const IDENTIFYING = new Set(
  [
    'givenName',
    'familyName',
    'firstName',
    'lastName',
    'surname',
    'name',
    'fullName',
    'birthDate',
    'dateOfBirth',
    'birthday',
    'dob',
    'streetNumber',
    'street',
    'addressLine1',
    'addressLine2',
    'address',
    'postcode',
    'postalCode',
    'zip',
    'nationalId',
    'ssn',
    'email',
    'phone',
    'mobile',
  ].map((n) => n.toLowerCase()),
);

export const modelAttributesSchema = z
  .record(z.string().regex(NAME), z.union([z.string().max(MAX_MODEL_ATTRIBUTE_LENGTH), z.number().finite(), z.boolean()]))
  .refine((m) => Object.keys(m).length <= MAX_MODEL_ATTRIBUTES, `at most ${MAX_MODEL_ATTRIBUTES} attributes`);
export type ModelAttributes = z.infer<typeof modelAttributesSchema>;

/**
 * The attributes of a touchpoint's traits a model may learn from (a CRM export's plan, tenure,
 * segment...): scalar values under plain names, without the traits that identify the person. Built so
 * that modelAttributesSchema always accepts it; undefined when nothing is left.
 */
export function modelAttributesOf(touchpoint: { traits?: Record<string, unknown> }): ModelAttributes | undefined {
  const kept: [string, string | number | boolean][] = [];
  for (const [name, value] of Object.entries(touchpoint.traits ?? {})) {
    if (kept.length >= MAX_MODEL_ATTRIBUTES) break;
    if (!NAME.test(name) || IDENTIFYING.has(name.toLowerCase())) continue;
    if (typeof value === 'string' && value.trim()) kept.push([name, value.trim().slice(0, MAX_MODEL_ATTRIBUTE_LENGTH)]);
    else if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') kept.push([name, value]);
  }
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

/**
 * The event of an identify touchpoint that only carries imported traits (a CRM export row): it tells
 * who someone is, not what they did, so behaviour features leave it out.
 */
export const TRAITS_IMPORTED_EVENT = 'Traits Imported';
