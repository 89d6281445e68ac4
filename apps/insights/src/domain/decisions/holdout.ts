import { createHash } from 'node:crypto';

/**
 * Whether a customer is in the control group: a stable hash of the salt and the customer id, so the
 * same person stays in (or out of) the holdout across decisions, and uplift compares people, not
 * coin flips on the same person. A new salt draws a new group.
 */
export function inHoldout(customerId: string, salt: string, share: number): boolean {
  if (share <= 0) return false;
  const h = createHash('sha256').update(salt).update('\u0000').update(customerId).digest();
  return h.readUInt32BE(0) / 2 ** 32 < share;
}
