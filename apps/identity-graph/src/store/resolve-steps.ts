import { randomUUID } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import type { OwnerState } from '../domain/plan-resolution';
import * as q from './resolution.cypher';

export class ConcurrentMergeError extends Error {
  constructor(customerId: string) {
    super(`customer ${customerId} was merged while being resolved; retry`);
    this.name = 'ConcurrentMergeError';
  }
}

export interface TxContext {
  tx: ManagedTransaction;
  now: string;
  ns: string | null;
}

export interface LockedIdentifier {
  key: string;
  type: string;
  value: string;
  links: boolean;
}

/** Locks the identifiers (in key order) and returns the customer holding each linking one. */
export async function lockIdentifiers({ tx, now, ns }: TxContext, identifiers: readonly LockedIdentifier[]): Promise<Map<string, string | null>> {
  const sorted = [...identifiers].sort((a, b) => a.key.localeCompare(b.key));
  const res = await tx.run(q.LOCK_IDENTIFIERS, { identifiers: sorted, now, ns });
  const owners = new Map<string, string | null>();
  for (const r of res.records) owners.set(r.get('key') as string, (r.get('customerId') as string | null) ?? owners.get(r.get('key') as string) ?? null);
  return owners;
}

/** Locks customers in id order; one merged away meanwhile means the caller must start again. */
export async function lockCustomers({ tx, now }: TxContext, customerIds: readonly string[]): Promise<void> {
  if (customerIds.length === 0) return;
  const res = await tx.run(q.LOCK_CUSTOMERS, { customerIds: [...new Set(customerIds)].sort(), now });
  const merged = res.records.find((r) => r.get('mergedInto') !== null);
  if (merged) throw new ConcurrentMergeError(merged.get('id') as string);
  if (res.records.length < new Set(customerIds).size) throw new ConcurrentMergeError(customerIds.join(','));
}

export async function ownerStates({ tx }: TxContext, customerIds: readonly string[]): Promise<Map<string, OwnerState>> {
  const res = await tx.run(q.OWNER_STATE, { customerIds: [...new Set(customerIds)] });
  return new Map(
    res.records.map((r) => {
      const id = r.get('id') as string;
      const separatedFrom = (r.get('separatedFrom') as string[]).filter((s) => s !== id);
      return [id, { customerId: id, createdAt: new Date(r.get('createdAt') as string), identifierKeys: r.get('keys') as string[], separatedFrom }];
    }),
  );
}

export async function createCustomer({ tx, now, ns }: TxContext): Promise<string> {
  const customerId = randomUUID();
  await tx.run(q.CREATE_CUSTOMER, { customerId, now, ns });
  return customerId;
}

export interface MergeSpec {
  survivorId: string;
  absorbedIds: string[];
  rule: string;
  by: string;
  score: number | null;
  evidence: object;
}

/** Moves absorbed customers' identifiers and touchpoints to the survivor and records why. */
export async function mergeCustomers({ tx, now, ns }: TxContext, spec: MergeSpec): Promise<string> {
  const res = await tx.run(q.ABSORB_CUSTOMERS, { survivorId: spec.survivorId, absorbedIds: spec.absorbedIds, now });
  // What each absorbed customer had absorbed before, so an unmerge can restore it whole.
  const absorbedLineage = JSON.stringify(Object.fromEntries(res.records.map((r) => [r.get('id') as string, r.get('lineage') as string[]])));
  const mergeId = randomUUID();
  await tx.run(q.RECORD_MERGE, {
    survivorId: spec.survivorId,
    absorbedIds: spec.absorbedIds,
    mergeId,
    by: spec.by,
    rule: spec.rule,
    score: spec.score,
    evidence: JSON.stringify(spec.evidence),
    absorbedLineage,
    now,
    ns,
  });
  return mergeId;
}

export async function bumpVersion({ tx, now }: TxContext, customerId: string, changed: boolean): Promise<number> {
  const res = await tx.run(changed ? q.BUMP_VERSION : q.READ_VERSION, { customerId, now });
  const version = res.records[0]?.get('version') as number | undefined;
  if (version === undefined) throw new Error(`customer ${customerId} vanished during resolution`);
  return version;
}
