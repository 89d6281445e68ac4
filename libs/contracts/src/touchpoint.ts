import { z } from 'zod';
import { channelSchema } from './channels';
import { CONFIGURED_IDENTIFIER_TYPE, IDENTIFIER_TYPES, identifierValueSchema, personTraitsOf, type ResolvableIdentifier } from './identifiers';
import { wellFormedJsonObject, wellFormedString } from './well-formed';

/**
 * Touchpoint types. Digital calls follow the common analytics vocabulary (identify, track, page,
 * screen); the rest are met in person or through an agent: `contact` (call-centre contact),
 * `visit` and `purchase` (store), `attendance` (event), `response` (direct-mail response) and
 * `meeting` (advisor meeting).
 */
export const DIGITAL_TOUCHPOINT_TYPES = ['identify', 'track', 'page', 'screen'] as const;
export const NON_DIGITAL_TOUCHPOINT_TYPES = ['contact', 'visit', 'purchase', 'attendance', 'response', 'meeting'] as const;
export const TOUCHPOINT_TYPES = [...DIGITAL_TOUCHPOINT_TYPES, ...NON_DIGITAL_TOUCHPOINT_TYPES] as const;
export type TouchpointType = (typeof TOUCHPOINT_TYPES)[number];

/** Longest free text (a transcript or a review) one touchpoint may carry. */
export const MAX_TOUCHPOINT_TEXT = 20_000;

/** More identifier types than any deployment configures: a bound on what one item can make resolution do. */
export const MAX_IDENTIFIERS_PER_TOUCHPOINT = 32;

/**
 * Identifiers by type: the built-in types, and names shaped like a configured type
 * (IDENTIFIER_TYPES_CONFIG), which intake then checks against the deployment's identifier policy.
 * The same shape identity resolution accepts (`resolvableIdentifierSchema`), so what intake takes
 * every later stage can carry.
 */
const identifierMapSchema = z
  .record(z.string().regex(CONFIGURED_IDENTIFIER_TYPE, 'an identifier type name (camelCase)'), identifierValueSchema.optional())
  .refine((m) => Object.keys(m).length <= MAX_IDENTIFIERS_PER_TOUCHPOINT, `at most ${MAX_IDENTIFIERS_PER_TOUCHPOINT} identifiers`);

/** A monetary amount in minor-unit-free decimal form with its ISO 4217 currency. */
export const moneySchema = z
  .object({
    amount: z.number().finite(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code such as EUR'),
  })
  .strict();
export type Money = z.infer<typeof moneySchema>;

/**
 * Field schemas shared by intake and every job schema, so a later stage can never refuse what intake
 * accepted: each string is well-formed Unicode (see well-formed.ts), each time an ISO-8601 instant.
 */
export const messageIdSchema = wellFormedString().trim().min(1).max(128);
export const sourceSchema = wellFormedString().trim().min(1).max(64);
export const instantSchema = z.iso.datetime({ offset: true });
/** An event name as intake accepts it, or a touchpoint type: what `eventKeyOf` gives. */
export const eventKeySchema = wellFormedString().trim().min(1).max(128);

/**
 * A touchpoint as a client sends it. `messageId` is chosen by the client and is the idempotency key:
 * the same message sent twice is stored once.
 *
 * Clocks: `occurredAt` and `sentAt` come from the sender's clock, which may be wrong. When `sentAt`
 * is given, the store corrects `occurredAt` by the difference between `sentAt` and its own receipt
 * time (see `correctClockSkew`); offline records without a sender clock keep `occurredAt` as given.
 */
export const touchpointInputSchema = z
  .object({
    messageId: messageIdSchema,
    type: z.enum(TOUCHPOINT_TYPES),
    event: eventKeySchema.optional(),
    channel: channelSchema,
    occurredAt: instantSchema,
    sentAt: instantSchema.optional(),
    identifiers: identifierMapSchema.default({}),
    properties: wellFormedJsonObject().default({}),
    /** Person attributes an identify call or an offline record carries (name, postal address...). */
    traits: wellFormedJsonObject().optional(),
    /** Free text: a call transcript, a review, an advisor's note. */
    text: wellFormedString().max(MAX_TOUCHPOINT_TEXT).optional(),
    value: moneySchema.optional(),
    source: sourceSchema.optional(),
  })
  .strict()
  // An offline record (a store visit, a call) may name a person without any key: identity resolution
  // matches it on those traits. Anything else must say who it is about.
  .refine((t) => Object.values(t.identifiers).some((v) => v !== undefined) || personTraitsOf(t) !== undefined, {
    message: 'at least one identifier, or person traits (name, birth date, address), is required',
    path: ['identifiers'],
  });
export type TouchpointInput = z.infer<typeof touchpointInputSchema>;

/** Identifiers of a touchpoint as a list, the shape queues carry: built-in types first, in their order. */
export function identifierList(input: TouchpointInput): ResolvableIdentifier[] {
  const rank = (type: string) => {
    const i = (IDENTIFIER_TYPES as readonly string[]).indexOf(type);
    return i === -1 ? IDENTIFIER_TYPES.length : i;
  };
  return Object.entries(input.identifiers)
    .flatMap(([type, value]) => (value === undefined ? [] : [{ type, value }]))
    .sort((a, b) => rank(a.type) - rank(b.type) || a.type.localeCompare(b.type));
}

/**
 * Corrected occurrence time: the sender's clock is off by (sentAt − receivedAt), so the same offset
 * is taken off occurredAt. Without sentAt nothing can be known about the sender's clock.
 */
export function correctClockSkew(occurredAt: Date, sentAt: Date | undefined, receivedAt: Date): { occurredAt: Date; skewMs: number } {
  if (!sentAt) return { occurredAt, skewMs: 0 };
  const skewMs = sentAt.getTime() - receivedAt.getTime();
  return { occurredAt: new Date(occurredAt.getTime() - skewMs), skewMs };
}

/** The name an event schema is registered under: the event name, or the type for unnamed calls. */
export function eventKeyOf(input: Pick<TouchpointInput, 'type' | 'event'>): string {
  return input.event ?? input.type;
}

const str = { type: 'string', minLength: 1, maxLength: 256 } as const;

/**
 * The properties each touchpoint type may carry, as JSON Schema (version 1 of the built-in schemas;
 * an event-schema registry may add stricter versions per event name). Fields are optional so that
 * sparse offline records stay valid, but a field that is present must have the right shape.
 */
export const TOUCHPOINT_PROPERTY_SCHEMAS: Record<TouchpointType, Record<string, unknown>> = {
  identify: { type: 'object' },
  track: { type: 'object' },
  page: { type: 'object', properties: { path: str, url: str, title: str, referrer: str } },
  screen: { type: 'object', properties: { screen: str, name: str } },
  contact: {
    type: 'object',
    properties: {
      reason: str,
      outcome: { enum: ['resolved', 'unresolved', 'escalated', 'callback', 'sale'] },
      durationSeconds: { type: 'number', minimum: 0 },
      agentId: str,
    },
  },
  visit: { type: 'object', properties: { storeId: str, durationMinutes: { type: 'number', minimum: 0 } } },
  purchase: {
    type: 'object',
    properties: {
      storeId: str,
      orderId: str,
      total: { type: 'number' },
      currency: { type: 'string', pattern: '^[A-Z]{3}$' },
      items: { type: 'integer', minimum: 0 },
    },
  },
  attendance: { type: 'object', properties: { event: str, eventId: str, role: str } },
  response: { type: 'object', properties: { campaignId: str, responseCode: str, offer: str } },
  meeting: { type: 'object', properties: { advisorId: str, topic: str, outcome: str, durationMinutes: { type: 'number', minimum: 0 } } },
};
