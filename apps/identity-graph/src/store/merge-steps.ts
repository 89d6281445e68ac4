import { randomUUID } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import type { KnownCustomer } from '../domain/plan-batch';
import * as q from './merge.cypher';

export class ConcurrentMergeError extends Error {
  constructor(customerId: string) {
    super(`customer ${customerId} was merged while being resolved; retry`);
    this.name = 'ConcurrentMergeError';
  }
}

export interface TxContext {
  tx: ManagedTransaction;
  now: string;
}

/** Locks the owners in id order and reads their state; one merged away meanwhile means starting again. */
export async function lockOwners({ tx, now }: TxContext, customerIds: readonly string[]): Promise<Map<string, KnownCustomer>> {
  if (customerIds.length === 0) return new Map();
  const ids = [...new Set(customerIds)].sort();
  const res = await tx.run(q.LOCK_OWNERS, { customerIds: ids, now });
  const merged = res.records.find((r) => r.get('mergedInto') !== null);
  if (merged) throw new ConcurrentMergeError(merged.get('id') as string);
  if (res.records.length < ids.length) throw new ConcurrentMergeError(ids.join(','));
  return new Map(res.records.map((r) => [r.get('id') as string, toKnownCustomer(r)]));
}

function toKnownCustomer(r: { get(key: string): unknown }): KnownCustomer {
  const id = r.get('id') as string;
  const separatedFrom = (r.get('separatedFrom') as string[]).filter((s) => s !== id);
  return {
    customerId: id,
    createdAt: new Date(r.get('createdAt') as string),
    identifierKeys: r.get('keys') as string[],
    separatedFrom,
    version: r.get('version') as number,
    lineage: (r.get('lineage') as string[]).sort(),
  };
}

/** The state of customers the caller already decided on (locking them too, harmlessly). */
export async function ownerStates({ tx, now }: TxContext, customerIds: readonly string[]): Promise<Map<string, KnownCustomer>> {
  if (customerIds.length === 0) return new Map();
  const res = await tx.run(q.LOCK_OWNERS, { customerIds: [...new Set(customerIds)].sort(), now });
  return new Map(res.records.map((r) => [r.get('id') as string, toKnownCustomer(r)]));
}

export interface MergeSpec {
  survivorId: string;
  absorbedIds: string[];
  rule: string;
  by: string;
  score: number | null;
  evidence: object;
}

/** Moves absorbed customers' identifiers and touchpoints to the survivor and records why: a steward's merge. */
export async function mergeCustomers({ tx, now }: TxContext, spec: MergeSpec): Promise<string> {
  const res = await tx.run(q.ABSORB_CUSTOMERS, { absorbed: spec.absorbedIds.map((id) => ({ id, rootId: spec.survivorId })), now });
  // What each absorbed customer had absorbed before, so an unmerge can restore it whole.
  const absorbedLineage = JSON.stringify(Object.fromEntries(res.records.map((r) => [r.get('id') as string, r.get('lineage') as string[]])));
  const mergeId = randomUUID();
  const merge = {
    mergeId,
    survivorId: spec.survivorId,
    absorbedIds: spec.absorbedIds,
    by: spec.by,
    rule: spec.rule,
    score: spec.score,
    evidence: JSON.stringify(spec.evidence),
    absorbedLineage,
  };
  await tx.run(q.RECORD_MERGES, { merges: [merge], now });
  return mergeId;
}

/** Raises the customer's version (it changed) and returns the new one. */
export async function bumpVersion({ tx, now }: TxContext, customerId: string): Promise<number> {
  const row = (await tx.run(q.BUMP_VERSION, { customerId, now })).records[0];
  if (!row) throw new Error(`customer ${customerId} vanished`);
  return row.get('version') as number;
}
