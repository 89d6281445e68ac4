import { z } from 'zod';
import { channelSchema } from './channels';
import { personTraitsOf, personTraitsSchema, resolvableIdentifierSchema } from './identifiers';
import { REPRESENTABLE_INSTANTS } from './time-window';
import { modelAttributesOf, modelAttributesSchema } from './model-attributes';
import {
  correctClockSkew,
  eventKeyOf,
  identifierList,
  instantSchema,
  messageIdSchema,
  moneySchema,
  sourceSchema,
  TOUCHPOINT_TYPES,
  touchpointInputSchema,
  type TouchpointInput,
} from './touchpoint';

/*
 * Every job schema is built from the field schemas of the intake contract (touchpoint.ts): what intake
 * accepts, each later stage reads (jobs.contract.test.ts generates accepted items and checks it).
 */

/** The occurrence time the store keeps and every later stage orders by: occurredAt corrected for clock skew. */
export function correctedOccurredAt(touchpoint: Pick<TouchpointInput, 'occurredAt' | 'sentAt'>, receivedAt: Date): Date {
  return correctClockSkew(new Date(touchpoint.occurredAt), touchpoint.sentAt === undefined ? undefined : new Date(touchpoint.sentAt), receivedAt).occurredAt;
}

/** touchpoint-ingest: an accepted touchpoint waiting to be stored. Removed from Redis once done. */
export const ingestJobSchema = z
  .object({
    touchpoint: touchpointInputSchema,
    receivedAt: z.iso.datetime(),
    /** The intake batch it came in, for reconciliation (absent in jobs queued before batches had ids). */
    batchId: z.string().min(1).max(64).optional(),
  })
  // A corrected time no later stage could read is refused here, rather than stored and never linked.
  .refine(
    ({ touchpoint, receivedAt }) => {
      const at = correctedOccurredAt(touchpoint, new Date(receivedAt));
      return at >= REPRESENTABLE_INSTANTS.earliest && at <= REPRESENTABLE_INSTANTS.latest;
    },
    { message: 'occurredAt corrected for clock skew is not a representable instant', path: ['touchpoint', 'occurredAt'] },
  );
export type IngestJob = z.infer<typeof ingestJobSchema>;

/**
 * What a touchpoint was, for services that learn from behaviour (insights' features): its type, event
 * name, amount and model attributes (modelAttributesOf). Optional, so jobs and events from before
 * they were carried still parse.
 */
const touchpointFactFields = {
  type: z.enum(TOUCHPOINT_TYPES).optional(),
  /** The event name, or the type for unnamed calls (eventKeyOf). */
  eventKey: z.string().min(1).max(128).optional(),
  value: moneySchema.optional(),
  attributes: modelAttributesSchema.optional(),
  /** Whether the touchpoint carries free text, so a consumer of text (sentiment) asks for it only then. */
  hasText: z.boolean().optional(),
};

/** identity-resolve: link a stored touchpoint's identifiers to one customer. */
export const resolveJobSchema = z
  .object({
    messageId: messageIdSchema,
    channel: channelSchema,
    occurredAt: instantSchema,
    identifiers: z.array(resolvableIdentifierSchema),
    /** Person attributes for probabilistic matching and the golden record. */
    traits: personTraitsSchema.optional(),
    /** The system the touchpoint came from (e.g. crm, pos, web); survivorship ranks values by it. */
    source: sourceSchema.optional(),
    ...touchpointFactFields,
  })
  .refine((job) => job.identifiers.length > 0 || Object.values(job.traits ?? {}).some((v) => v), {
    message: 'a touchpoint needs an identifier or person traits',
  });
export type ResolveJob = z.infer<typeof resolveJobSchema>;

/** The resolve job of a stored touchpoint, with the corrected time, so every service orders it the same way. */
export function resolveJobOf(touchpoint: TouchpointInput, occurredAt: Date): ResolveJob {
  return {
    messageId: touchpoint.messageId,
    channel: touchpoint.channel,
    occurredAt: occurredAt.toISOString(),
    identifiers: identifierList(touchpoint),
    traits: personTraitsOf(touchpoint),
    source: touchpoint.source,
    type: touchpoint.type,
    eventKey: eventKeyOf(touchpoint),
    value: touchpoint.value,
    attributes: modelAttributesOf(touchpoint),
    hasText: (touchpoint.text ?? '').trim() !== '',
  };
}

/** touchpoint-link: tells touchpoint-store which customer a touchpoint belongs to, and which customers merged. */
export const linkJobSchema = z.object({
  messageId: messageIdSchema,
  customerId: z.string(),
  /** Every customer id ever merged into customerId (transitively), so stores can alias them. */
  mergedCustomerIds: z.array(z.string()),
  linkedAt: z.iso.datetime(),
});
export type LinkJob = z.infer<typeof linkJobSchema>;

/**
 * The three work queues carry a batch of items per job: one chunk of an accepted HTTP batch is stored
 * with one insertMany, resolved in one Neo4j transaction and linked with one bulk write, instead of
 * paying a job, a round trip and a commit per touchpoint. A job of the older one-item shape is read as
 * a batch of one, so consumers can be deployed before their producers.
 */
export const JOB_MAX_ITEMS = 1000;
const batchEnvelopeSchema = z.object({ items: z.array(z.unknown()).min(1).max(JOB_MAX_ITEMS) });

/** The items of a job as stored, unchecked: a batch job's items, or a one-item job's data itself. */
export function batchItemsOf(data: unknown): unknown[] {
  const items = (data as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? items : [data];
}

export interface ParsedBatch<T> {
  items: T[];
  /** Items that broke their schema, by position, with the reason; the others are good to process. */
  malformed: { index: number; reason: string }[];
}

/**
 * Reads a work-queue job item by item, so one malformed item does not take the good ones with it;
 * null when the job is not a batch (nor a single item) at all.
 */
export function parseBatchJob<T extends z.ZodType>(itemSchema: T, data: unknown): ParsedBatch<z.infer<T>> | null {
  const envelope = batchEnvelopeSchema.safeParse(data);
  const raw = envelope.success ? envelope.data.items : [data];
  const parsed: ParsedBatch<z.infer<T>> = { items: [], malformed: [] };
  raw.forEach((item, index) => {
    const result = itemSchema.safeParse(item);
    if (result.success) parsed.items.push(result.data);
    else parsed.malformed.push({ index, reason: result.error.issues.map((i) => `${i.path.join('.') || '(item)'}: ${i.message}`).join('; ') });
  });
  return envelope.success || parsed.items.length > 0 ? parsed : null;
}

export interface BatchJob<T> {
  items: T[];
}

/**
 * The person traits of a touchpoint that describe without identifying (the golden record's gender and
 * the parts of its address above the street), which services that profile customers may learn from.
 */
export const PROFILE_TRAITS = ['gender', 'locality', 'region', 'country'] as const;
const profileTraitsSchema = personTraitsSchema.pick({ gender: true, locality: true, region: true, country: true });

/** A resolved touchpoint as customer.updated carries it: facts about it, never an identifier, a property or text. */
export const touchpointRefSchema = z.object({
  messageId: messageIdSchema,
  channel: channelSchema,
  occurredAt: instantSchema,
  ...touchpointFactFields,
  /** The system it came from, as the golden record ranks it (optional: older events do not say). */
  source: sourceSchema.optional(),
  /** Its non-identifying person traits (PROFILE_TRAITS), from which a consumer keeps the golden record's value as of any time. */
  profile: profileTraitsSchema.optional(),
});

export type TouchpointRef = z.infer<typeof touchpointRefSchema>;

/** The reference to a resolved touchpoint a customer.updated carries. */
export function touchpointRefOf(job: ResolveJob): TouchpointRef {
  const { messageId, channel, occurredAt, type, eventKey, value, attributes, hasText, source } = job;
  const kept = PROFILE_TRAITS.flatMap((name) => (job.traits?.[name] ? [[name, job.traits[name]] as const] : []));
  return {
    messageId,
    channel,
    occurredAt,
    type,
    eventKey,
    value,
    attributes,
    hasText,
    source,
    ...(kept.length > 0 ? { profile: Object.fromEntries(kept) } : {}),
  };
}

/**
 * customer.updated: a customer gained touchpoints or identifiers, or absorbed other customers. One
 * event per customer per resolved batch, so a consumer (and a partner, and the content model) does
 * its work once per change rather than once per touchpoint.
 */
export const customerUpdatedEventSchema = z.object({
  customerId: z.string(),
  /** Increases with every change to the customer, so consumers can drop stale deliveries. */
  version: z.number().int().nonnegative(),
  /** Every customer id ever merged into customerId (transitively); empty when none. */
  mergedCustomerIds: z.array(z.string()),
  /** The latest touchpoint of this update (the only one in events from before batching). */
  touchpoint: touchpointRefSchema.optional(),
  /** Every touchpoint this update added, oldest first. */
  touchpoints: z.array(touchpointRefSchema).optional(),
  updatedAt: z.iso.datetime(),
});
export type CustomerUpdatedEvent = z.infer<typeof customerUpdatedEventSchema>;

/** The touchpoints an update adds, whichever shape of the event it is. */
export function touchpointsOf(event: Pick<CustomerUpdatedEvent, 'touchpoint' | 'touchpoints'>): TouchpointRef[] {
  return event.touchpoints ?? (event.touchpoint ? [event.touchpoint] : []);
}
