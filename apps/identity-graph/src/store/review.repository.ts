import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import type { TypeRule } from '../domain/plan-resolution';
import { uniqueClash } from '../domain/unique-clash';
import { bumpVersion, mergeCustomers, ownerStates } from './merge-steps';
import { LINEAGE } from './merge.cypher';
import { TOUCHPOINTS_OF } from './unmerge.cypher';
import { causalSession } from './neo4j-driver';

export type ReviewStatus = 'open' | 'merged' | 'rejected';

export interface ReviewRecord {
  id: string;
  status: ReviewStatus;
  createdAt: Date;
  score: number;
  comparisons: { field: string; level: string; weight: number }[];
  messageId: string;
  subjectId: string;
  candidateId: string;
  resolvedBy: string | null;
  resolvedAt: Date | null;
}

export type ReviewOutcome =
  | { kind: 'merged'; customerId: string; version: number; absorbedId: string; mergeId: string; lineage: string[]; messageIds: string[] }
  | { kind: 'rejected' }
  | { kind: 'error'; code: 'NOT_FOUND' | 'ALREADY_RESOLVED' | 'IDENTITY_CONFLICT' };

const REVIEW_FIELDS = `r.id AS id, r.status AS status, toString(r.createdAt) AS createdAt, r.score AS score, r.comparisons AS comparisons,
  r.messageId AS messageId, s.id AS subjectId, c.id AS candidateId, r.resolvedBy AS resolvedBy, toString(r.resolvedAt) AS resolvedAt`;

const LIST = `
MATCH (r:Review {status: $status})
MATCH (r)-[:SUBJECT]->(s:Customer), (r)-[:CANDIDATE]->(c:Customer)
RETURN ${REVIEW_FIELDS}
ORDER BY r.createdAt, r.id LIMIT $limit`;

// Each side followed to its current survivor; locking the review serialises two stewards' decisions.
const LOCK_REVIEW = `
MATCH (r:Review {id: $id})-[:SUBJECT]->(s:Customer), (r)-[:CANDIDATE]->(c:Customer)
SET r.lockedAt = datetime($now)
WITH r, s, c
OPTIONAL MATCH (sr:Customer {id: s.mergedInto})
OPTIONAL MATCH (cr:Customer {id: c.mergedInto})
RETURN r.status AS status, r.score AS score, r.comparisons AS comparisons, s.id AS subjectId, c.id AS candidateId,
       coalesce(sr, s).id AS subjectRoot, coalesce(cr, c).id AS candidateRoot`;

const CLOSE_REVIEW = `
MATCH (r:Review {id: $id})
SET r.status = $status, r.resolvedBy = $by, r.resolvedAt = datetime($now)`;

const SEPARATE = `
MATCH (s:Customer {id: $subjectId}), (c:Customer {id: $candidateId})
CREATE (s)-[:NOT_SAME {at: datetime($now), reviewId: $id}]->(c)`;

function toReview(r: { get(key: string): unknown }): ReviewRecord {
  const resolvedAt = r.get('resolvedAt') as string | null;
  return {
    id: r.get('id') as string,
    status: r.get('status') as ReviewStatus,
    createdAt: new Date(r.get('createdAt') as string),
    score: r.get('score') as number,
    comparisons: JSON.parse(r.get('comparisons') as string) as ReviewRecord['comparisons'],
    messageId: r.get('messageId') as string,
    subjectId: r.get('subjectId') as string,
    candidateId: r.get('candidateId') as string,
    resolvedBy: (r.get('resolvedBy') as string | null) ?? null,
    resolvedAt: resolvedAt ? new Date(resolvedAt) : null,
  };
}

/** The review queue of probabilistic matches between the two thresholds. */
export class ReviewRepository {
  constructor(
    private readonly driver: Driver,
    private readonly rules: (type: string) => TypeRule,
  ) {}

  async list(status: ReviewStatus, limit: number): Promise<ReviewRecord[]> {
    const res = await this.driver.executeQuery(LIST, { status, limit: neo4j.int(limit) }, { routing: 'READ' });
    return res.records.map(toReview);
  }

  /** Merges the pair (rule 'review', recorded and reversible) or marks it as two people. */
  async resolve(id: string, decision: 'merge' | 'reject', by: string): Promise<ReviewOutcome> {
    const session = causalSession(this.driver);
    try {
      const outcome = await session.executeWrite((tx) => this.resolveInTx(tx, id, decision, by));
      if (outcome.kind !== 'merged') return outcome;
      const res = await this.driver.executeQuery(LINEAGE, { customerId: outcome.customerId }, { routing: 'READ' });
      return { ...outcome, lineage: res.records.map((r) => r.get('id') as string) };
    } finally {
      await session.close();
    }
  }

  private async resolveInTx(tx: ManagedTransaction, id: string, decision: 'merge' | 'reject', by: string): Promise<ReviewOutcome> {
    const now = new Date().toISOString();
    const row = (await tx.run(LOCK_REVIEW, { id, now })).records[0];
    if (!row) return { kind: 'error', code: 'NOT_FOUND' };
    if (row.get('status') !== 'open') return { kind: 'error', code: 'ALREADY_RESOLVED' };
    const [subjectId, candidateId, subjectRoot, candidateRoot] = ['subjectId', 'candidateId', 'subjectRoot', 'candidateRoot'].map(
      (k) => row.get(k) as string,
    ) as [string, string, string, string];
    if (decision === 'reject') {
      await tx.run(SEPARATE, { id, subjectId, candidateId, now });
      await tx.run(CLOSE_REVIEW, { id, status: 'rejected', by, now });
      return { kind: 'rejected' };
    }
    const ctx = { tx, now };
    if (subjectRoot !== candidateRoot) {
      const states = await ownerStates(ctx, [subjectRoot, candidateRoot]);
      const [s, c] = [states.get(subjectRoot), states.get(candidateRoot)];
      if (!s || !c || uniqueClash(s.identifierKeys, c.identifierKeys, this.rules) || s.separatedFrom.includes(candidateRoot))
        return { kind: 'error', code: 'IDENTITY_CONFLICT' };
    }
    const touchpoints = await tx.run(TOUCHPOINTS_OF, { ids: [subjectRoot] });
    const messageIds = (touchpoints.records[0]?.get('messageIds') as string[] | undefined) ?? [];
    const evidence = { reviewId: id, score: row.get('score') as number, comparisons: JSON.parse(row.get('comparisons') as string) as unknown };
    const mergeId =
      subjectRoot === candidateRoot
        ? ''
        : await mergeCustomers(ctx, { survivorId: candidateRoot, absorbedIds: [subjectRoot], rule: 'review', by, score: row.get('score') as number, evidence });
    await tx.run(CLOSE_REVIEW, { id, status: 'merged', by, now });
    const version = await bumpVersion(ctx, candidateRoot);
    return { kind: 'merged', customerId: candidateRoot, version, absorbedId: subjectRoot, mergeId, lineage: [], messageIds };
  }
}
