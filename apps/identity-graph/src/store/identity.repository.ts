import { randomUUID } from 'node:crypto';
import type { Channel, PersonTraits } from '@c360/contracts';
import neo4j, { type Driver } from 'neo4j-driver';
import type { CandidateRecord, MatchDecision, RecordMatcher } from '../domain/match-decision';
import { planResolution, type Conflict, type TypeRule } from '../domain/plan-resolution';
import { uniqueClash } from '../domain/unique-clash';
import * as q from './resolution.cypher';
import * as p from './probabilistic.cypher';
import { ConcurrentMergeError, lockCustomers, lockOwners, mergeCustomers, ownerStates, versionAndLineage, type TxContext } from './resolve-steps';
import { DELETE_NAMESPACE, SCHEMA_STATEMENTS } from './schema.cypher';
import { resolveBatchInTx } from './batch-resolution';
import type { ResolutionOutcome } from '../domain/plan-batch';

export type { ResolutionOutcome } from '../domain/plan-batch';

export { ConcurrentMergeError } from './resolve-steps';

export interface ResolveRequest {
  messageId: string;
  channel: Channel;
  occurredAt: string;
  source: string | null;
  identifiers: readonly { key: string; type: string; value: string }[];
  traits: PersonTraits | null;
  /** The traits as sent (trimmed), shown in the golden record; `traits` is the form compared. */
  displayTraits: PersonTraits | null;
  /** Blocking keys of the traits: candidates for probabilistic matching share one. */
  blockKeys: readonly string[];
}

export interface IdentityRepositoryOptions {
  rules: (type: string) => TypeRule;
  matcher: RecordMatcher;
  /** Evaluation and benchmark runs write under a namespace they delete afterwards; production uses none. */
  namespace?: string;
}

const MAX_MERGE_RACES = 5;

/** Neo4j access for resolving touchpoints to customers: the only code that writes the identity graph. */
export class IdentityRepository {
  private readonly ns: string | null;

  constructor(
    private readonly driver: Driver,
    private readonly options: IdentityRepositoryOptions,
  ) {
    this.ns = options.namespace ?? null;
  }

  async ensureSchema(): Promise<void> {
    for (const statement of SCHEMA_STATEMENTS) await this.driver.executeQuery(statement);
  }

  /** Keys are namespaced so an evaluation run never meets production identifiers. */
  scopedKey(key: string): string {
    // Inside the value, so the type before the first ':' still names the identifier type.
    return this.ns ? key.replace(':', `:${this.ns}|`) : key;
  }

  /**
   * Links a touchpoint to one customer in a single transaction: its identifiers deterministically,
   * or, with no shared identifier, its traits probabilistically. A replayed messageId changes nothing.
   */
  async resolve(request: ResolveRequest): Promise<ResolutionOutcome> {
    return this.writeRetryingMergeRaces((ctx) => this.resolveInTx(ctx, request));
  }

  /**
   * Resolves several touchpoints in one transaction, in order, each seeing the ones before it, with
   * the outcomes resolving them one at a time would give: the write path of ingestion, where a commit
   * and a few round trips per batch replace three or four round trips and a commit per touchpoint.
   */
  async resolveBatch(requests: readonly ResolveRequest[]): Promise<ResolutionOutcome[]> {
    if (requests.length === 0) return [];
    const deps = { rules: this.options.rules, matcher: this.options.matcher, scopedKey: (key: string) => this.scopedKey(key) };
    return this.writeRetryingMergeRaces((ctx) => resolveBatchInTx(ctx, requests, deps));
  }

  async lineage(customerId: string): Promise<string[]> {
    const res = await this.driver.executeQuery(q.LINEAGE, { customerId }, { routing: 'READ' });
    return res.records.map((r) => r.get('id') as string);
  }

  async deleteNamespace(): Promise<void> {
    if (!this.ns) throw new Error('refusing to delete without a namespace');
    for (const statement of DELETE_NAMESPACE) {
      for (;;) {
        const res = await this.driver.executeQuery(statement, { ns: this.ns });
        if ((res.records[0]?.get('n') as number) === 0) break;
      }
    }
  }

  /**
   * executeWrite retries Neo4j's transient errors (deadlocks) itself; a customer merged away under
   * us is not one of those, so the work is retried here, reading the new owners afresh.
   */
  private async writeRetryingMergeRaces<T>(work: (ctx: TxContext) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const session = this.driver.session();
      try {
        return await session.executeWrite((tx) => work({ tx, now: new Date().toISOString(), ns: this.ns }));
      } catch (err) {
        if (!(err instanceof ConcurrentMergeError) || attempt >= MAX_MERGE_RACES) throw err;
      } finally {
        await session.close();
      }
    }
  }

  private async resolveInTx(ctx: TxContext, request: ResolveRequest): Promise<ResolutionOutcome> {
    const identifiers = request.identifiers.map((i) => ({ ...i, key: this.scopedKey(i.key), links: this.options.rules(i.type).links }));
    const opened = (await ctx.tx.run(q.OPEN_RESOLUTION, { messageId: request.messageId, identifiers: [...identifiers].sort((a, b) => a.key.localeCompare(b.key)), now: ctx.now, ns: ctx.ns })).records[0];
    if (!opened) throw new Error('opening a resolution returned nothing');
    const replayOf = opened.get('replayOf') as string | null;
    if (replayOf) return { customerId: replayOf, ...(await versionAndLineage(ctx, replayOf, false)), changed: false, kind: 'replay', conflicts: [], skipped: [] };

    const ownerOf = new Map<string, string | null>();
    for (const o of opened.get('owners') as { key: string; customerId: string | null }[]) ownerOf.set(o.key, o.customerId ?? ownerOf.get(o.key) ?? null);
    const ownerIds = [...new Set([...ownerOf.values()].filter((o): o is string => o !== null))];
    const owners = await lockOwners(ctx, ownerIds);
    const plan = planResolution({ identifiers: identifiers.map((i) => ({ key: i.key, type: i.type, ownerId: ownerOf.get(i.key) ?? null })), owners, rules: this.options.rules });

    const customerId = plan.kind === 'create' ? randomUUID() : plan.kind === 'attach' ? plan.customerId : plan.survivorId;
    if (plan.kind === 'merge') {
      // The keys themselves, not just their types, so a reviewer can see (and undo) exactly what linked them.
      const evidence = { messageId: request.messageId, identifierKeys: plan.evidenceKeys };
      await mergeCustomers(ctx, { survivorId: customerId, absorbedIds: plan.absorbedIds, rule: 'shared-identifier', by: 'identity-resolver', score: null, evidence });
    }
    const probabilistic = plan.kind === 'create' && ownerIds.length === 0 && request.traits !== null && request.blockKeys.length > 0;
    // A touchpoint with traits can change the golden record, so it is a change like a new identifier.
    const changed = plan.kind !== 'attach' || plan.linkKeys.length > 0 || request.traits !== null;
    const finished = await this.finish(ctx, request, customerId, plan.linkKeys, plan.kind, changed && !probabilistic);
    if (plan.conflicts.length > 0) await this.recordConflicts(ctx, customerId, request.messageId, plan.conflicts);
    const outcome = { changed, conflicts: plan.conflicts, skipped: plan.skipped };
    if (!probabilistic || !request.traits) return { customerId, ...finished, kind: plan.kind, ...outcome };

    const matched = await this.matchProbabilistically(ctx, request, request.traits, customerId, identifiers.map((i) => i.key));
    const finalId = matched?.customerId ?? customerId;
    return { customerId: finalId, ...(await versionAndLineage(ctx, finalId, true)), kind: matched?.kind ?? 'create', ...outcome };
  }

  private async finish(ctx: TxContext, request: ResolveRequest, customerId: string, keys: string[], rule: string, bump: boolean): Promise<{ version: number; lineage: string[] }> {
    const res = await ctx.tx.run(q.FINISH_RESOLUTION, {
      customerId,
      keys,
      messageId: request.messageId,
      channel: request.channel,
      source: request.source,
      occurredAt: request.occurredAt,
      traits: request.traits ? JSON.stringify(request.traits) : null,
      displayTraits: request.displayTraits ? JSON.stringify(request.displayTraits) : null,
      rule,
      blockKeys: request.blockKeys.map((k) => this.scopedKey(k)),
      bump,
      now: ctx.now,
      ns: ctx.ns,
    });
    const row = res.records[0];
    if (!row) throw new Error(`customer ${customerId} vanished during resolution`);
    return { version: row.get('version') as number, lineage: row.get('lineage') as string[] };
  }

  private async recordConflicts(ctx: TxContext, customerId: string, messageId: string, conflicts: readonly Conflict[]): Promise<void> {
    await ctx.tx.run(q.RECORD_CONFLICTS, { conflicts: conflicts.map((c) => ({ ...c, id: randomUUID(), customerId, messageId })), now: ctx.now, ns: ctx.ns });
  }

  /**
   * A record with no shared identifier is scored against the records it shares a blocking key with.
   * Above the upper threshold its new customer merges into the match (recorded, so it can be
   * undone); between the thresholds a review is opened; below, it stays a customer of its own.
   */
  private async matchProbabilistically(ctx: TxContext, request: ResolveRequest, traits: PersonTraits, newCustomerId: string, ownKeys: string[]): Promise<{ customerId: string; kind: 'probabilistic' | 'review' } | null> {
    const res = await ctx.tx.run(p.CANDIDATES, { messageId: request.messageId, blockKeys: request.blockKeys.map((k) => this.scopedKey(k)).sort(), limit: neo4j.int(300), now: ctx.now });
    const candidates: CandidateRecord[] = res.records.map((r) => ({ messageId: r.get('messageId') as string, customerId: r.get('customerId') as string, traits: JSON.parse(r.get('traits') as string) as PersonTraits }));
    const decision = this.options.matcher(traits, candidates);
    if (decision.kind === 'none') return null;
    await lockCustomers(ctx, [decision.customerId]);
    if (decision.kind === 'review') {
      const review = { id: randomUUID(), subjectId: newCustomerId, candidateId: decision.customerId, messageId: request.messageId, score: decision.score, comparisons: JSON.stringify(decision.comparisons) };
      await ctx.tx.run(p.OPEN_REVIEWS, { reviews: [review], now: ctx.now, ns: ctx.ns });
      return { customerId: newCustomerId, kind: 'review' };
    }
    const [target] = [...(await ownerStates(ctx, [decision.customerId])).values()];
    const clash = target ? uniqueClash(ownKeys, target.identifierKeys, this.options.rules) : null;
    if (!target || clash || target.separatedFrom.includes(newCustomerId)) {
      if (clash) await this.recordConflicts(ctx, newCustomerId, request.messageId, [{ otherCustomerId: decision.customerId, type: clash, reason: 'unique-identifier', viaKey: 'traits' }]);
      return null;
    }
    await mergeCustomers(ctx, { survivorId: decision.customerId, absorbedIds: [newCustomerId], rule: 'probabilistic', by: 'identity-resolver', score: decision.score, evidence: probabilisticEvidence(request.messageId, decision) });
    return { customerId: decision.customerId, kind: 'probabilistic' };
  }
}

function probabilisticEvidence(messageId: string, decision: Extract<MatchDecision, { kind: 'match' | 'review' }>) {
  return { messageId, matchedMessageId: decision.candidateMessageId, score: decision.score, comparisons: decision.comparisons };
}
