import { connectMongo } from '@c360/service-kit';
import { testStack, uniqueName, waitFor } from '@c360/testing';
import type { Connection } from 'mongoose';
import { hashAuditEntry, type AuditRecord } from './domain/audit-chain';
import { startTestGovernance, type TestGovernance } from './testing/governance.harness';

let gov: TestGovernance;
let mongo: Connection;
let anchors: Connection;

const RECORD = /* GraphQL */ `
  mutation ($input: RecordConsentInput!) {
    recordConsent(input: $input) {
      status
    }
  }
`;
const VERIFY = /* GraphQL */ `
  {
    verifyAuditChain {
      valid
      checked
      brokenAtSeq
      reason
    }
  }
`;
const LOG = /* GraphQL */ `
  query ($subject: String) {
    auditLog(subject: $subject) {
      seq
      actor
      action
      subject
      details
      prevHash
      hash
    }
  }
`;
type Verdict = { valid: boolean; checked: number; brokenAtSeq: number | null; reason: string | null };

async function verdict(): Promise<Verdict> {
  const res = await gov.request<{ verifyAuditChain: Verdict }>(VERIFY);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.verifyAuditChain;
}

beforeEach(async () => {
  // Anchored often, so a test need not wait a minute for its first checkpoint.
  gov = await startTestGovernance({ AUDIT_ANCHOR_INTERVAL_MS: '100' });
  mongo = await connectMongo(testStack().MONGODB_URI, gov.config.MONGODB_DB);
  anchors = await connectMongo(testStack().MONGODB_URI, gov.config.AUDIT_ANCHOR_DB);
});

afterEach(async () => {
  await mongo.close();
  await anchors.close();
  await gov.stop();
});

async function recordSome(n: number): Promise<string> {
  const id = uniqueName('c');
  for (let i = 0; i < n; i++)
    await gov.request(RECORD, { input: { customerId: id, purpose: 'ANALYTICS', status: i % 2 ? 'GRANTED' : 'DENIED', source: 'form' } });
  return id;
}

describe('audit log', () => {
  it('records each consent change as a chained entry, without personal data, and verifies', async () => {
    const id = await recordSome(3);
    const res = await gov.request<{ auditLog: { seq: number; action: string; subject: string; details: string; prevHash: string; hash: string }[] }>(LOG, {
      subject: id,
    });
    const entries = res.data!.auditLog;
    expect(entries.map((e) => e.action)).toEqual(['consent.denied', 'consent.granted', 'consent.denied']);
    expect(entries[1]!.prevHash).toBe(entries[0]!.hash);
    expect(JSON.parse(entries[0]!.details)).toEqual({ purpose: 'analytics', channel: null, source: 'form', policyVersion: null });
    expect(await verdict()).toEqual({ valid: true, checked: 3, brokenAtSeq: null, reason: null });
  });

  it('chains concurrent appends into one unbroken sequence', async () => {
    const id = uniqueName('c');
    await Promise.all(
      Array.from({ length: 12 }, () => gov.request(RECORD, { input: { customerId: id, purpose: 'PROFILING', status: 'GRANTED', source: 'burst' } })),
    );
    expect(await verdict()).toMatchObject({ valid: true, checked: 12 });
  });

  it('detects an edited entry', async () => {
    await recordSome(3);
    await mongo.collection('audit_log').updateOne({ _id: 2 as never }, { $set: { actor: 'someone-else' } });
    expect(await verdict()).toMatchObject({ valid: false, brokenAtSeq: 2, reason: 'entry 2 was altered' });
  });

  it('detects a deleted entry, in the middle or at the end', async () => {
    await recordSome(4);
    await mongo.collection('audit_log').deleteOne({ _id: 4 as never });
    expect(await verdict()).toMatchObject({ valid: false, brokenAtSeq: 4, reason: 'entries after 3 are missing' });
    await mongo.collection('audit_log').deleteOne({ _id: 2 as never });
    expect(await verdict()).toMatchObject({ valid: false, brokenAtSeq: 2, reason: 'entry 2 is missing' });
  });

  it('detects the whole chain rewritten consistently, every later hash and the head recomputed', async () => {
    await recordSome(3);
    await waitFor(async () => (await anchors.collection('audit_checkpoints').findOne({ seq: 3 })) !== null, 10_000, 'the head to be anchored');
    const log = mongo.collection<{ _id: number } & Omit<AuditRecord, 'seq'>>('audit_log');
    let prevHash = '';
    for (const doc of await log.find({}).sort({ _id: 1 }).toArray()) {
      const { _id, at, action, subject, payload } = doc;
      const record = { seq: _id, at, action, subject, payload, actor: _id === 1 ? 'someone-else' : doc.actor, prevHash: prevHash || doc.prevHash };
      prevHash = hashAuditEntry(record);
      await log.updateOne({ _id }, { $set: { actor: record.actor, prevHash: record.prevHash, hash: prevHash } });
    }
    await mongo.collection('audit_head').updateOne({ _id: 'head' as never }, { $set: { hash: prevHash } });
    expect(await verdict()).toMatchObject({
      valid: false,
      brokenAtSeq: 1,
      reason: expect.stringMatching(/^the chain was rewritten from (entry 1|an entry from 1 to [23]): entry [123] no longer matches the head anchored at/),
    });
  });

  it('keeps checkpoints out of reach of the audit writer: its own database holds none', async () => {
    await recordSome(2);
    await waitFor(async () => (await anchors.collection('audit_checkpoints').countDocuments({})) > 0, 10_000, 'a checkpoint');
    const collections = (await mongo.db!.listCollections().toArray()).map((c) => c.name);
    expect(collections).not.toContain('audit_checkpoints');
    expect(await verdict()).toMatchObject({ valid: true, checked: 2 });
  });

  it('is readable by compliance only', async () => {
    const res = await gov.request(VERIFY, {}, { subject: 'm', roles: ['marketer' as never], scopes: [] });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
