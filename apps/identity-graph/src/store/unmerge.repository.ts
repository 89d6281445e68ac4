import { randomUUID } from 'node:crypto';
import type { Driver, ManagedTransaction } from 'neo4j-driver';
import { bumpVersion } from './merge-steps';
import * as q from './unmerge.cypher';
import { LINEAGE } from './merge.cypher';
import { causalSession } from './neo4j-driver';

export interface SplitOutcome {
  splitId: string;
  mergeId: string;
  /** The customer the restored one had been merged into, as it is now (after later merges). */
  rootId: string;
  restoredId: string;
  restoredLineage: string[];
  rootVersion: number;
  restoredVersion: number;
  assignments: { customerId: string; messageIds: string[] }[];
  lineages: Record<string, string[]>;
  splitAt: string;
}

export type UnmergeFailure = 'NOT_MERGED' | 'CONCURRENT_CHANGE';

/** Undoes merges: the only code that splits customers in the identity graph. */
export class UnmergeRepository {
  constructor(private readonly driver: Driver) {}

  /**
   * Splits `customerId` back out of the customer it was merged into, with what it had absorbed before
   * the merge. The pair is marked as separated so the same evidence does not merge it again.
   */
  async unmerge(customerId: string, by: string, reason: string): Promise<SplitOutcome | UnmergeFailure> {
    const session = causalSession(this.driver);
    try {
      const outcome = await session.executeWrite((tx) => this.unmergeInTx(tx, customerId, by, reason));
      if (typeof outcome === 'string') return outcome;
      const lineages: Record<string, string[]> = {};
      for (const id of [outcome.rootId, outcome.restoredId]) {
        const res = await this.driver.executeQuery(LINEAGE, { customerId: id }, { routing: 'READ' });
        lineages[id] = res.records.map((r) => r.get('id') as string);
      }
      return { ...outcome, lineages };
    } finally {
      await session.close();
    }
  }

  private async unmergeInTx(tx: ManagedTransaction, restoredId: string, by: string, reason: string): Promise<Omit<SplitOutcome, 'lineages'> | UnmergeFailure> {
    const now = new Date().toISOString();
    const found = (await tx.run(q.ACTIVE_MERGE, { customerId: restoredId })).records[0];
    if (!found) return 'NOT_MERGED';
    const [mergeId, survivorId, rootId] = ['mergeId', 'survivorId', 'rootId'].map((k) => found.get(k) as string) as [string, string, string];
    const restoredLineage = (JSON.parse((found.get('lineage') as string | null) ?? '{}') as Record<string, string[]>)[restoredId] ?? [];
    const locked = await tx.run(q.LOCK_PAIR, { ids: [rootId, restoredId].sort(), now });
    const root = locked.records.find((r) => r.get('id') === rootId);
    if (!root || root.get('mergedInto') !== null) return 'CONCURRENT_CHANGE';

    await tx.run(q.MOVE_BACK, { rootId, restoredId, origins: [restoredId, ...restoredLineage], lineage: restoredLineage });
    const splitId = randomUUID();
    await tx.run(q.RECORD_SPLIT, { mergeId, restoredId, survivorId, rootId, splitId, by, reason, now });
    const ctx = { tx, now };
    const [rootVersion, restoredVersion] = [await bumpVersion(ctx, rootId), await bumpVersion(ctx, restoredId)];
    const touchpoints = await tx.run(q.TOUCHPOINTS_OF, { ids: [restoredId, rootId] });
    const assignments = touchpoints.records.map((r) => ({ customerId: r.get('customerId') as string, messageIds: r.get('messageIds') as string[] }));
    return { splitId, mergeId, rootId, restoredId, restoredLineage, rootVersion, restoredVersion, assignments, splitAt: now };
  }
}
