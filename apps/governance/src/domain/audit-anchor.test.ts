import { signCheckpoint, verifyAgainstCheckpoints } from './audit-anchor';
import { GENESIS_HASH, hashAuditEntry, verifyChain, type AuditRecord } from './audit-chain';

const KEY = 'audit-anchor-test-key-at-least-32-chars';
const CHAIN = 'c360_governance';

function chainOf(actors: string[]): AuditRecord[] {
  const records: AuditRecord[] = [];
  for (const [i, actor] of actors.entries()) {
    const base = {
      seq: i + 1,
      at: new Date(Date.UTC(2026, 0, 1, 0, i)),
      actor,
      action: 'consent.granted',
      subject: 'c1',
      payload: '{}',
      prevHash: records[i - 1]?.hash ?? GENESIS_HASH,
    };
    records.push({ ...base, hash: hashAuditEntry(base) });
  }
  return records;
}

const checkpointAt = (records: AuditRecord[], seq: number, key = KEY) =>
  signCheckpoint(key, { chain: CHAIN, seq, hash: records[seq - 1]!.hash, at: new Date(Date.UTC(2026, 0, 2)) });

describe('audit chain checkpoints', () => {
  const original = chainOf(['a', 'b', 'c', 'd', 'e']);
  const checkpoints = [checkpointAt(original, 2), checkpointAt(original, 4)];

  it('accepts the chain they were taken of, and entries appended since', () => {
    expect(verifyAgainstCheckpoints(original, checkpoints, KEY, CHAIN)).toBeNull();
    expect(verifyAgainstCheckpoints(original.slice(0, 4), checkpoints, KEY, CHAIN)).toBeNull();
  });

  it('detects a chain rewritten whole, though it is consistent on its own', () => {
    const rewritten = chainOf(['a', 'b', 'X', 'd', 'e']);
    expect(verifyChain(rewritten, { seq: 5, hash: rewritten[4]!.hash }).valid).toBe(true);
    expect(verifyAgainstCheckpoints(rewritten, checkpoints, KEY, CHAIN)).toMatchObject({
      valid: false,
      brokenAtSeq: 3,
      reason: expect.stringMatching(/^the chain was rewritten from an entry from 3 to 4: entry 4 no longer matches/),
    });
  });

  it('detects anchored entries cut off the end', () => {
    expect(verifyAgainstCheckpoints(original.slice(0, 3), checkpoints, KEY, CHAIN)).toMatchObject({
      valid: false,
      brokenAtSeq: 4,
      reason: expect.stringMatching(/^entry 4, anchored at .* is missing/),
    });
  });

  it('refuses checkpoints not signed with the anchor key or taken of another chain', () => {
    const rewritten = chainOf(['a', 'b', 'X', 'd', 'e']);
    const forged = [checkpointAt(rewritten, 4, 'someone-elses-key-also-32-characters-long')];
    expect(verifyAgainstCheckpoints(rewritten, forged, KEY, CHAIN)).toMatchObject({
      valid: false,
      brokenAtSeq: 4,
      reason: 'the checkpoint of entry 4 is not signed with the anchor key',
    });
    expect(verifyAgainstCheckpoints(original, checkpoints, KEY, 'another_chain')).toMatchObject({ valid: false });
    const tampered = [{ ...checkpoints[0]!, hash: rewritten[1]!.hash, seq: 3 }];
    expect(verifyAgainstCheckpoints(rewritten, tampered, KEY, CHAIN)).toMatchObject({ valid: false, brokenAtSeq: 3 });
  });
});
