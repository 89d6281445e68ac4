import { z } from 'zod';
import { EVENTS, QUEUES } from './queues';

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
 */

export interface PayloadVersion {
  major: number;
  minor: number;
}

/** The version each producer stamps now; a consumer reads any minor of these majors. */
export const PAYLOAD_VERSIONS = {
  [EVENTS.customerUpdated]: { major: 1, minor: 0 },
  [EVENTS.customerSplit]: { major: 1, minor: 0 },
  [QUEUES.touchpointIngest]: { major: 1, minor: 0 },
  [QUEUES.identityResolve]: { major: 1, minor: 0 },
  [QUEUES.touchpointLink]: { major: 1, minor: 0 },
} as const satisfies Record<string, PayloadVersion>;
export type VersionedContract = keyof typeof PAYLOAD_VERSIONS;

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
