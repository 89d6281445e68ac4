import { createHash } from 'node:crypto';

/**
 * Deterministic BullMQ job ids from a client's messageId. Hashed because a messageId may contain
 * ':' (which BullMQ forbids in custom ids) or be long.
 */
export function jobIdFor(kind: string, messageId: string): string {
  return `${kind}-${createHash('sha256').update(messageId).digest('hex').slice(0, 32)}`;
}
