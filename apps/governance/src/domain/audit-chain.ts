import { createHash } from 'node:crypto';

/** One entry of the audit log as stored: hash covers every other field, prevHash links it to the entry before. */
export interface AuditRecord {
  seq: number;
  at: Date;
  actor: string;
  action: string;
  /** A customer id or request id; never an identifier in clear. */
  subject: string | null;
  /** JSON of the entry's details, hashed exactly as stored. */
  payload: string;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

export function hashAuditEntry(entry: Omit<AuditRecord, 'hash'>): string {
  const fields = [entry.seq, entry.at.toISOString(), entry.actor, entry.action, entry.subject, entry.payload, entry.prevHash];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

export interface ChainVerdict {
  valid: boolean;
  checked: number;
  /** The first entry found edited, missing or out of line; null when valid. */
  brokenAtSeq: number | null;
  reason: string | null;
}

/**
 * Walks the chain in sequence order. An edit breaks the entry's own hash; a deletion leaves a gap in
 * the sequence (and a prevHash pointing at nothing); a deletion at the end leaves the head, which is
 * recorded separately after every append, ahead of the last entry.
 */
export function verifyChain(records: readonly AuditRecord[], head: { seq: number; hash: string } | null): ChainVerdict {
  const broken = (seq: number, reason: string, checked: number): ChainVerdict => ({ valid: false, checked, brokenAtSeq: seq, reason });
  let previous: AuditRecord | null = null;
  for (const [index, record] of records.entries()) {
    const expectedSeq = (previous?.seq ?? 0) + 1;
    if (record.seq !== expectedSeq) return broken(expectedSeq, `entry ${expectedSeq} is missing`, index);
    if (record.prevHash !== (previous?.hash ?? GENESIS_HASH)) return broken(record.seq, `entry ${record.seq} does not follow entry ${record.seq - 1}`, index);
    if (hashAuditEntry(record) !== record.hash) return broken(record.seq, `entry ${record.seq} was altered`, index);
    previous = record;
  }
  const lastSeq = previous?.seq ?? 0;
  if (head && head.seq > lastSeq) return broken(lastSeq + 1, `entries after ${lastSeq} are missing`, records.length);
  if (head && head.seq === lastSeq && previous && head.hash !== previous.hash) return broken(lastSeq, `entry ${lastSeq} was replaced`, records.length);
  return { valid: true, checked: records.length, brokenAtSeq: null, reason: null };
}
