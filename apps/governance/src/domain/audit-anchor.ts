import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AuditRecord, ChainVerdict } from './audit-chain';

/**
 * A signed checkpoint of the audit chain's head. The chain alone proves only that it is consistent:
 * whoever can write the audit collection can edit an entry, recompute every later hash and move the
 * head, and the result verifies. A checkpoint is signed with a key governance's database never
 * holds and kept outside the audit collection, so a rewrite cannot produce matching checkpoints for
 * the entries it changed: any checkpoint at or after the first rewritten entry stops matching.
 */
export interface AuditCheckpoint {
  /** Which chain: governance's database name, so a checkpoint of one deployment proves nothing in another. */
  chain: string;
  seq: number;
  hash: string;
  at: Date;
  /** HMAC-SHA256 of the other fields with the anchor key, hex. */
  mac: string;
}

function macOf(key: string, checkpoint: Omit<AuditCheckpoint, 'mac'>): string {
  const fields = ['c360-audit-anchor-v1', checkpoint.chain, checkpoint.seq, checkpoint.hash, checkpoint.at.toISOString()];
  return createHmac('sha256', key).update(JSON.stringify(fields)).digest('hex');
}

export function signCheckpoint(key: string, head: Omit<AuditCheckpoint, 'mac'>): AuditCheckpoint {
  return { ...head, mac: macOf(key, head) };
}

function isSigned(key: string, checkpoint: AuditCheckpoint): boolean {
  const expected = Buffer.from(macOf(key, checkpoint), 'hex');
  const given = Buffer.from(checkpoint.mac, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Checks a chain (already found consistent by verifyChain) against its checkpoints, oldest first.
 * Answers null when every checkpoint matches; entries after the last checkpoint are not yet anchored.
 * A mismatch places the rewrite between the last checkpoint that still matches and the first that does not.
 */
export function verifyAgainstCheckpoints(
  records: readonly AuditRecord[],
  checkpoints: readonly AuditCheckpoint[],
  key: string,
  chain: string,
): ChainVerdict | null {
  const bySeq = new Map(records.map((r) => [r.seq, r]));
  const broken = (seq: number, reason: string): ChainVerdict => ({ valid: false, checked: records.length, brokenAtSeq: seq, reason });
  let lastGood = 0;
  for (const checkpoint of [...checkpoints].sort((a, b) => a.seq - b.seq)) {
    if (checkpoint.chain !== chain || !isSigned(key, checkpoint))
      return broken(checkpoint.seq, `the checkpoint of entry ${checkpoint.seq} is not signed with the anchor key`);
    const record = bySeq.get(checkpoint.seq);
    const when = checkpoint.at.toISOString();
    if (!record) return broken(checkpoint.seq, `entry ${checkpoint.seq}, anchored at ${when}, is missing`);
    if (record.hash !== checkpoint.hash) {
      const from = lastGood + 1 === checkpoint.seq ? `entry ${checkpoint.seq}` : `an entry from ${lastGood + 1} to ${checkpoint.seq}`;
      return broken(lastGood + 1, `the chain was rewritten from ${from}: entry ${checkpoint.seq} no longer matches the head anchored at ${when}`);
    }
    lastGood = checkpoint.seq;
  }
  return null;
}
