import { randomUUID } from 'node:crypto';
import type { Driver, ManagedTransaction } from 'neo4j-driver';
import type { NormalisedIdentifier } from '@c360/identifiers';
import { planResolution, type IdentifierOwnership, type ResolutionPlan } from '../domain/plan-resolution';
import * as q from './resolution.cypher';
import { SCHEMA_STATEMENTS } from './schema.cypher';

export interface ResolutionOutcome {
  customerId: string;
  version: number;
  changed: boolean;
  plan: ResolutionPlan['kind'];
  /** Every customer id ever merged into customerId, transitively. */
  lineage: string[];
}

const MAX_MERGE_RACES = 5;

export class ConcurrentMergeError extends Error {
  constructor(customerId: string) {
    super(`customer ${customerId} was merged while being resolved; retry`);
    this.name = 'ConcurrentMergeError';
  }
}

async function ownership(tx: ManagedTransaction, identifiers: NormalisedIdentifier[], now: string): Promise<IdentifierOwnership[]> {
  const sorted = [...identifiers].sort((a, b) => a.key.localeCompare(b.key));
  const res = await tx.run(q.LOCK_IDENTIFIERS, { identifiers: sorted, now });
  return res.records.map((r) => {
    const customerId = r.get('customerId') as string | null;
    return { key: r.get('key') as string, owner: customerId ? { customerId, createdAt: new Date(r.get('createdAt') as string) } : null };
  });
}

async function lockCustomers(tx: ManagedTransaction, customerIds: string[], now: string): Promise<void> {
  const res = await tx.run(q.LOCK_CUSTOMERS, { customerIds: [...customerIds].sort(), now });
  const merged = res.records.find((r) => r.get('mergedInto') !== null);
  if (merged) throw new ConcurrentMergeError(merged.get('id') as string);
}

/** Applies a plan; returns the customer the touchpoint now belongs to. */
async function apply(tx: ManagedTransaction, plan: ResolutionPlan, messageId: string, now: string): Promise<string> {
  switch (plan.kind) {
    case 'create': {
      const customerId = randomUUID();
      await tx.run(q.CREATE_CUSTOMER, { customerId, now });
      return customerId;
    }
    case 'attach':
      await lockCustomers(tx, [plan.customerId], now);
      return plan.customerId;
    case 'merge': {
      await lockCustomers(tx, [plan.survivorId, ...plan.absorbedIds], now);
      await tx.run(q.ABSORB_CUSTOMERS, { survivorId: plan.survivorId, absorbedIds: plan.absorbedIds, now });
      // The keys themselves, not just their types, so a reviewer can see (and undo) exactly what linked them.
      const evidence = JSON.stringify({ messageId, identifierKeys: plan.evidenceKeys });
      await tx.run(q.RECORD_MERGE, {
        survivorId: plan.survivorId,
        absorbedIds: plan.absorbedIds,
        mergeId: randomUUID(),
        by: 'identity-resolver',
        rule: 'shared-identifier',
        evidence,
        now,
      });
      return plan.survivorId;
    }
  }
}

/** Neo4j access for customers, identifiers and merges: the only code that speaks Cypher. */
export class IdentityRepository {
  constructor(private readonly driver: Driver) {}

  async ensureSchema(): Promise<void> {
    for (const statement of SCHEMA_STATEMENTS) await this.driver.executeQuery(statement);
  }

  /**
   * Links a touchpoint's identifiers to one customer in a single transaction. Replaying the same
   * identifiers changes nothing and leaves the version as it was.
   */
  async resolve(messageId: string, identifiers: NormalisedIdentifier[]): Promise<ResolutionOutcome> {
    // executeWrite retries Neo4j's transient errors (deadlocks) itself; a customer merged away under
    // us is not one of those, so it is retried here, reading the new owners afresh.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.resolveOnce(messageId, identifiers);
      } catch (err) {
        if (!(err instanceof ConcurrentMergeError) || attempt >= MAX_MERGE_RACES) throw err;
      }
    }
  }

  private async resolveOnce(messageId: string, identifiers: NormalisedIdentifier[]): Promise<ResolutionOutcome> {
    const session = this.driver.session();
    try {
      const outcome = await session.executeWrite(async (tx) => {
        const now = new Date().toISOString();
        const plan = planResolution(await ownership(tx, identifiers, now));
        const customerId = await apply(tx, plan, messageId, now);
        if (plan.linkKeys.length > 0) await tx.run(q.LINK_IDENTIFIERS, { customerId, keys: plan.linkKeys, messageId, now });
        const changed = plan.kind !== 'attach' || plan.linkKeys.length > 0;
        const versionRes = await tx.run(changed ? q.BUMP_VERSION : q.READ_VERSION, { customerId, now });
        const version = versionRes.records[0]?.get('version') as number | undefined;
        if (version === undefined) throw new Error(`customer ${customerId} vanished during resolution`);
        return { customerId, version, changed, plan: plan.kind };
      });
      return { ...outcome, lineage: await this.lineage(outcome.customerId) };
    } finally {
      await session.close();
    }
  }

  async lineage(customerId: string): Promise<string[]> {
    const res = await this.driver.executeQuery(q.LINEAGE, { customerId }, { routing: 'READ' });
    return res.records.map((r) => r.get('id') as string);
  }
}
