import { z } from 'zod';
import { CONSENT_CHANGED, PRIVACY_CONTRACTS, PRIVACY_QUEUES, privacyQueueName } from './privacy';
import {
  EVENT_SUBSCRIBERS,
  eventQueueName,
  EVENTS,
  INTERNAL_QUEUES,
  partnerWebhookQueueName,
  QUEUES,
  SERVICES,
  type EventName,
  type EventQueueName,
  type InternalQueue,
  type PartnerWebhookQueueName,
  type Subscriber,
} from './queues';

/*
 * Queue and event payloads are versioned, `schemaVersion: "<major>.<minor>"`, stamped by the producer.
 * The evolution rule:
 * - A minor version only adds: a new optional field, a new enum value consumers may skip. Every
 *   consumer of that major reads it, ignoring the fields it does not know (zod objects drop them), so
 *   producers may be deployed before or after their consumers.
 * - Anything else (a field removed, renamed, retyped or made required; a meaning changed) is a new
 *   major. A consumer that does not know the major refuses the payload with
 *   UnsupportedPayloadVersionError and it is dead-lettered, kept to be replayed once the consumer
 *   is upgraded, rather than read as something it is not. Deploy the consumers of a new major first.
 * - A payload without the field predates versioning and reads as 1.0.
 *
 * Every payload one service hands another is versioned by this rule: the work queues, every event,
 * the privacy jobs and their results, consent.changed; and so is every job a service queues for
 * itself (INTERNAL_QUEUES), since during a rolling update two releases of the service share its
 * queues. A consumer without dead letters (pub/sub) treats a payload it cannot read as one it missed.
 * What partners receive is not among them: an external API with an integer `schemaVersion` of its
 * own (partner-updates.ts); the delivery job that sends it is (INTERNAL_QUEUES.partnerWebhooks).
 *
 * No queue escapes the rule: service-kit's createQueue and createWorker take only a QueueName, whose
 * contract contractOfQueue finds, and createWorker checks each job's version before its processor.
 */

export interface PayloadVersion {
  major: number;
  minor: number;
}

type WorkQueue = (typeof QUEUES)[keyof typeof QUEUES];
type PrivacyQueue = (typeof PRIVACY_QUEUES)[keyof typeof PRIVACY_QUEUES];
type PrivacyContract = (typeof PRIVACY_CONTRACTS)[keyof typeof PRIVACY_CONTRACTS];
/** Every payload contract: a queue, an event, the privacy work, consent.changed, a service's own queue. */
export type VersionedContract = WorkQueue | EventName | PrivacyQueue | PrivacyContract | typeof CONSENT_CHANGED | InternalQueue;

/**
 * The version each producer stamps now; a consumer reads any minor of these majors. Typed over every
 * contract, so a queue or event added without an entry here does not compile.
 */
export const PAYLOAD_VERSIONS: { readonly [C in VersionedContract]: PayloadVersion } = {
  [QUEUES.touchpointIngest]: { major: 1, minor: 0 },
  [QUEUES.identityResolve]: { major: 1, minor: 0 },
  [QUEUES.touchpointLink]: { major: 1, minor: 0 },
  [EVENTS.customerUpdated]: { major: 1, minor: 0 },
  [EVENTS.customerSplit]: { major: 1, minor: 0 },
  [EVENTS.predictionBandChanged]: { major: 1, minor: 0 },
  [EVENTS.customerSentimentTurned]: { major: 1, minor: 0 },
  [EVENTS.journeyDropoff]: { major: 1, minor: 0 },
  [EVENTS.contentApproved]: { major: 1, minor: 0 },
  [EVENTS.contentWithdrawn]: { major: 1, minor: 0 },
  [PRIVACY_QUEUES.requests]: { major: 1, minor: 0 },
  [PRIVACY_QUEUES.retention]: { major: 1, minor: 0 },
  [PRIVACY_CONTRACTS.jobs]: { major: 1, minor: 0 },
  [PRIVACY_CONTRACTS.results]: { major: 1, minor: 0 },
  [CONSENT_CHANGED]: { major: 1, minor: 0 },
  [INTERNAL_QUEUES.insightsSegmentation]: { major: 1, minor: 0 },
  [INTERNAL_QUEUES.insightsTraining]: { major: 1, minor: 0 },
  [INTERNAL_QUEUES.insightsJourneyAlerts]: { major: 1, minor: 0 },
  [INTERNAL_QUEUES.generationChatTouchpoints]: { major: 1, minor: 0 },
  [INTERNAL_QUEUES.partnerWebhooks]: { major: 1, minor: 0 },
};

export const isVersionedContract = (name: string): name is VersionedContract => Object.hasOwn(PAYLOAD_VERSIONS, name);

/**
 * Every name a BullMQ queue may have: a queue of one contract, or one lane of a contract spread over
 * several queues (an event per subscriber, the privacy jobs per service, deliveries per partner).
 */
export type QueueName =
  | WorkQueue
  | PrivacyQueue
  | Exclude<InternalQueue, typeof INTERNAL_QUEUES.partnerWebhooks>
  | EventQueueName
  | ReturnType<typeof privacyQueueName>
  | PartnerWebhookQueueName;

// Every queue name but the partners' lanes is known in advance; built with the naming functions themselves.
const SUBSCRIBERS: readonly Subscriber[] = [...new Set<Subscriber>([...SERVICES, ...Object.values(EVENT_SUBSCRIBERS).flat()])];
const KNOWN_QUEUES: ReadonlyMap<string, VersionedContract> = new Map<string, VersionedContract>([
  ...[...Object.values(QUEUES), ...Object.values(PRIVACY_QUEUES)].map((q) => [q, q] as const),
  ...Object.values(INTERNAL_QUEUES)
    .filter((q) => q !== INTERNAL_QUEUES.partnerWebhooks)
    .map((q) => [q, q] as const),
  ...Object.values(EVENTS).flatMap((event) => SUBSCRIBERS.map((s) => [eventQueueName(event, s), event] as const)),
  ...SERVICES.map((service) => [privacyQueueName(service), PRIVACY_CONTRACTS.jobs] as const),
]);
const PARTNER_LANE = partnerWebhookQueueName('');

/** Every queue name known in advance: all but the partners' delivery lanes, whose names depend on the partners registered. */
export function knownQueueNames(): QueueName[] {
  return [...KNOWN_QUEUES.keys()] as QueueName[];
}

/** The contract a queue's jobs follow, or null for a name no contract gives a queue (no job may be queued there). */
export function contractOfQueue(name: string): VersionedContract | null {
  const known = KNOWN_QUEUES.get(name);
  if (known) return known;
  return name.startsWith(PARTNER_LANE) && name.length > PARTNER_LANE.length ? INTERNAL_QUEUES.partnerWebhooks : null;
}

/** The field's schema, for the payload schemas that carry it. */
export const schemaVersionSchema = z.string().regex(/^\d{1,4}\.\d{1,4}$/, 'major.minor');

export const UNVERSIONED: PayloadVersion = { major: 1, minor: 0 };

export class UnsupportedPayloadVersionError extends Error {
  readonly code = 'UNSUPPORTED_PAYLOAD_VERSION';

  constructor(
    readonly contract: VersionedContract,
    readonly found: string,
    readonly supportedMajor: number,
  ) {
    super(`UNSUPPORTED_PAYLOAD_VERSION: ${contract} payload is version ${found}; this consumer reads major ${supportedMajor} only`);
    this.name = 'UnsupportedPayloadVersionError';
  }
}

export function formatPayloadVersion({ major, minor }: PayloadVersion): string {
  return `${major}.${minor}`;
}

/** The version a payload says it has: UNVERSIONED without the field, null when the field is not a version. */
export function payloadVersionOf(data: unknown): PayloadVersion | null {
  const raw = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (raw === undefined) return UNVERSIONED;
  const parsed = schemaVersionSchema.safeParse(raw);
  if (!parsed.success) return null;
  const [major, minor] = parsed.data.split('.').map(Number) as [number, number];
  return { major, minor };
}

/**
 * Throws UnsupportedPayloadVersionError unless this consumer reads the payload's major (any minor of
 * it: additions are ignored). Called before the payload's schema, so a new major is refused for its
 * version, never half-read by the old schema.
 */
export function assertReadableVersion(contract: VersionedContract, data: unknown): void {
  const supported = PAYLOAD_VERSIONS[contract].major;
  const version = payloadVersionOf(data);
  if (version?.major === supported) return;
  const raw = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
  throw new UnsupportedPayloadVersionError(contract, String(raw), supported);
}

/** A payload with the version its producer writes now. */
export function stampVersion<T extends object>(contract: VersionedContract, payload: T): T & { schemaVersion: string } {
  return { ...payload, schemaVersion: formatPayloadVersion(PAYLOAD_VERSIONS[contract]) };
}

/** A work-queue job of items, with the version its producer writes now (see BatchJob in jobs.ts). */
export function batchJobOf<T>(queue: (typeof QUEUES)[keyof typeof QUEUES], items: T[]): { schemaVersion: string; items: T[] } {
  return stampVersion(queue, { items });
}

/**
 * A payload's version checked, then its schema: for consumers that cannot dead-letter (pub/sub), which
 * act on `unreadable` as on a message they missed. A queue consumer uses refuseUnreadableVersion.
 */
export function readVersioned<T extends z.ZodType>(
  contract: VersionedContract,
  schema: T,
  data: unknown,
): { ok: true; data: z.output<T> } | { ok: false; reason: 'unsupported_version' | 'malformed' } {
  try {
    assertReadableVersion(contract, data);
  } catch (err) {
    if (err instanceof UnsupportedPayloadVersionError) return { ok: false, reason: 'unsupported_version' };
    throw err;
  }
  const parsed = schema.safeParse(data);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, reason: 'malformed' };
}
