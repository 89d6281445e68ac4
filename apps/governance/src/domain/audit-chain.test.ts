import { GENESIS_HASH, hashAuditEntry, verifyChain, type AuditRecord } from './audit-chain';

function chain(length: number): AuditRecord[] {
  const records: AuditRecord[] = [];
  for (let seq = 1; seq <= length; seq++) {
    const base = {
      seq,
      at: new Date(Date.UTC(2026, 0, seq)),
      actor: 'officer',
      action: 'consent.granted',
      subject: `c${seq}`,
      payload: '{}',
      prevHash: records.at(-1)?.hash ?? GENESIS_HASH,
    };
    records.push({ ...base, hash: hashAuditEntry(base) });
  }
  return records;
}

const headOf = (records: AuditRecord[]) => ({ seq: records.at(-1)!.seq, hash: records.at(-1)!.hash });

describe('verifyChain', () => {
  it('accepts an intact chain and an empty one', () => {
    const records = chain(4);
    expect(verifyChain(records, headOf(records))).toEqual({ valid: true, checked: 4, brokenAtSeq: null, reason: null });
    expect(verifyChain([], null).valid).toBe(true);
  });

  it('finds an edited field', () => {
    const records = chain(4);
    records[1] = { ...records[1]!, actor: 'someone-else' };
    expect(verifyChain(records, headOf(records))).toMatchObject({ valid: false, brokenAtSeq: 2, reason: 'entry 2 was altered' });
  });

  it('finds an edit whose hash was recomputed, because the next entry no longer follows', () => {
    const records = chain(4);
    const edited = { ...records[1]!, payload: '{"x":1}' };
    records[1] = { ...edited, hash: hashAuditEntry(edited) };
    expect(verifyChain(records, headOf(records))).toMatchObject({ valid: false, brokenAtSeq: 3 });
  });

  it('finds a deleted entry in the middle and at the end', () => {
    const records = chain(4);
    const head = headOf(records);
    expect(verifyChain([records[0]!, records[2]!, records[3]!], head)).toMatchObject({ valid: false, brokenAtSeq: 2, reason: 'entry 2 is missing' });
    expect(verifyChain(records.slice(0, 3), head)).toMatchObject({ valid: false, brokenAtSeq: 4, reason: 'entries after 3 are missing' });
  });
});
