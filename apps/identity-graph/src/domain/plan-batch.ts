import type { PersonTraits } from '@c360/contracts';
import type { CandidateRecord, FieldComparison, RecordMatcher } from './match-decision';
import { planResolution, type Conflict, type OwnerState, type ResolutionPlan, type Skipped, type TypeRule } from './plan-resolution';
import { uniqueClash } from './unique-clash';

/** A touchpoint of a batch as planning sees it: its keys, and what the graph said of it. */
export interface BatchItem {
  messageId: string;
  identifiers: readonly { key: string; type: string }[];
  /** Standardised traits; a new customer from them is compared with the records sharing a blocking key. */
  traits: PersonTraits | null;
  blockKeys: readonly string[];
  /** The customer already holding this touchpoint (a replay), or null. */
  replayOf: string | null;
}

/** A customer as it stands in the graph, locked: what planning needs plus what an outcome reports. */
export interface KnownCustomer extends OwnerState {
  version: number;
  lineage: readonly string[];
}

export interface BatchState {
  /** Linking identifier key → the customer holding it (null or absent: nobody). */
  owners: ReadonlyMap<string, string | null>;
  customers: ReadonlyMap<string, KnownCustomer>;
  /** Blocking key → the stored records in that block, with the customer holding each. */
  blocks: ReadonlyMap<string, readonly CandidateRecord[]>;
}

export type ResolutionKind = ResolutionPlan['kind'] | 'replay' | 'probabilistic' | 'review';

export interface ResolutionOutcome {
  customerId: string;
  version: number;
  changed: boolean;
  kind: ResolutionKind;
  conflicts: Conflict[];
  skipped: Skipped[];
  /** Every customer id ever merged into customerId, transitively. */
  lineage: string[];
}

export interface PlannerDeps {
  rules: (type: string) => TypeRule;
  matcher: RecordMatcher;
  newId: () => string;
  now: Date;
}

/** A merge as it is recorded, so that it can be explained and undone. */
export interface PlannedMerge {
  mergeId: string;
  survivorId: string;
  absorbedIds: string[];
  rule: 'shared-identifier' | 'probabilistic';
  score: number | null;
  evidence: string;
  /** What each absorbed customer had absorbed before (JSON), for an unmerge to restore it whole. */
  absorbedLineage: string;
}

/**
 * What the planned stretch writes, as the graph must end up. Relationships are written straight to
 * the customer that holds them at the end (`holderId`), remembering the one they first went to
 * (`originId`): exactly what writing them there and then merging would leave, without the moves.
 */
export interface BatchWrites {
  /** Created or changed customers at their new version (customers absorbed in the batch included). */
  customers: { customerId: string; version: number }[];
  /** Customers absorbed, each with where its relationships now go (a chain in the batch ends at its last survivor). */
  absorbed: { id: string; rootId: string }[];
  links: { holderId: string; originId: string; key: string; messageId: string }[];
  touchpoints: { holderId: string; originId: string; messageId: string; rule: string }[];
  blockEntries: { key: string; messageId: string }[];
  merges: PlannedMerge[];
  conflicts: (Conflict & { customerId: string; messageId: string })[];
  reviews: { subjectId: string; candidateId: string; messageId: string; score: number; comparisons: string }[];
}

/** Planning stopped before `index`: it needs `customerId` (a probabilistic match) locked and read first. */
export interface NeedsCustomer {
  index: number;
  customerId: string;
}

interface Working extends KnownCustomer {
  identifierKeys: string[];
  separatedFrom: string[];
  lineage: string[];
  /** Created or changed since the last write. */
  changed: boolean;
}

/** At most this many candidates per record: a crowded block must not cost one record thousands of comparisons. */
export const CANDIDATE_LIMIT = 300;

const typeOf = (key: string) => key.slice(0, key.indexOf(':'));
const emptyWrites = (): BatchWrites => ({ customers: [], absorbed: [], links: [], touchpoints: [], blockEntries: [], merges: [], conflicts: [], reviews: [] });

/**
 * Plans a whole batch in memory: each touchpoint in order, by the deterministic rule
 * (`planResolution`), then probabilistic matching for a record that would be a new customer, seeing
 * the touchpoints before it — merges, conflicts and reviews included. The outcomes, and the graph the
 * writes leave, are the ones the same touchpoints give as batches of one, in turn: a single touchpoint
 * is a batch of one, so there is no other resolution to agree with. Planning stops only when a
 * probabilistic match points at a customer it has not read; the caller locks that customer, hands it
 * over (`know`) and plans on from the same touchpoint.
 */
export class BatchPlanner {
  private readonly owners: Map<string, string | null>;
  private readonly customers: Map<string, Working>;
  private readonly blocks: Map<string, CandidateRecord[]>;
  /** Absorbed customer → the customer that absorbed it. */
  private readonly absorbedInto = new Map<string, string>();
  private readonly seen = new Map<string, string>();
  private readonly outcomes: ResolutionOutcome[] = [];
  private writes = emptyWrites();
  /** Customers absorbed since the last write, as they stood then: their version may still need writing. */
  private absorbedSinceWrite = new Map<string, Working>();

  constructor(
    state: BatchState,
    private readonly deps: PlannerDeps,
  ) {
    this.owners = new Map(state.owners);
    this.customers = new Map([...state.customers].map(([id, c]) => [id, this.working(c)]));
    this.blocks = new Map([...state.blocks].map(([key, records]) => [key, [...records]]));
  }

  /** Plans items from `from` on; returns what it needs to go on, or null when all are planned. */
  planFrom(items: readonly BatchItem[], from: number): NeedsCustomer | null {
    for (let index = from; index < items.length; index++) {
      const needs = this.plan(items[index] as BatchItem);
      if (needs) return { index, customerId: needs };
    }
    return null;
  }

  /**
   * The customers not yet read that the records of these items would be matched with, judged on the
   * stored records alone: read them together up front and planning rarely has to stop for one.
   */
  likelyMatches(items: readonly BatchItem[]): string[] {
    const wanted = new Set<string>();
    for (const item of items) {
      if (!item.traits || item.blockKeys.length === 0) continue;
      const decision = this.deps.matcher(item.traits, this.candidatesFor(item));
      if (decision.kind !== 'none' && !this.customers.has(decision.customerId)) wanted.add(decision.customerId);
    }
    return [...wanted];
  }

  /** Adds a customer read from the graph (locked) after planning asked for it. */
  know(customer: KnownCustomer): void {
    if (!this.customers.has(customer.customerId)) this.customers.set(customer.customerId, this.working(customer));
  }

  /** The outcome of every item planned so far, in order. */
  plannedOutcomes(): readonly ResolutionOutcome[] {
    return this.outcomes;
  }

  /** What was planned since the last call, as it must be written; afterwards it counts as written. */
  takeWrites(): BatchWrites {
    const writes = this.writes;
    const dirty = [...this.customers.values(), ...this.absorbedSinceWrite.values()];
    for (const c of dirty.filter((c) => c.changed)) {
      writes.customers.push({ customerId: c.customerId, version: c.version });
      c.changed = false;
    }
    writes.absorbed = [...this.absorbedSinceWrite.keys()].map((id) => ({ id, rootId: this.rootOf(id) }));
    for (const rel of [...writes.links, ...writes.touchpoints]) rel.holderId = this.rootOf(rel.originId);
    this.writes = emptyWrites();
    this.absorbedSinceWrite = new Map();
    return writes;
  }

  private rootOf(customerId: string): string {
    let id = customerId;
    for (let next = this.absorbedInto.get(id); next !== undefined; next = this.absorbedInto.get(id)) id = next;
    return id;
  }

  /** The customer as `planResolution` must see it: who it is kept apart from, as those customers now stand. */
  private ownerState(c: Working): OwnerState {
    const separatedFrom = [...new Set(c.separatedFrom.map((id) => this.rootOf(id)))].filter((id) => id !== c.customerId);
    return { ...c, separatedFrom };
  }

  /** Plans one item; returns the id of a customer it must see first, or null when planned. */
  private plan(item: BatchItem): string | null {
    const replayOf = item.replayOf ?? this.seen.get(item.messageId);
    if (replayOf) {
      const holder = this.customers.get(this.rootOf(replayOf));
      if (!holder) return this.rootOf(replayOf);
      this.outcomes.push({
        customerId: holder.customerId,
        version: holder.version,
        lineage: [...holder.lineage],
        changed: false,
        kind: 'replay',
        conflicts: [],
        skipped: [],
      });
      return null;
    }

    const identifiers = item.identifiers.map((i) => {
      const owner = this.owners.get(i.key);
      return { ...i, ownerId: owner ? this.rootOf(owner) : null };
    });
    const ownerIds = [...new Set(identifiers.filter((i) => i.ownerId !== null && this.deps.rules(i.type).links).map((i) => i.ownerId as string))];
    const unknown = ownerIds.find((id) => !this.customers.has(id));
    if (unknown) return unknown;
    const owners = new Map(ownerIds.map((id) => [id, this.ownerState(this.customers.get(id) as Working)]));
    const plan = planResolution({ identifiers, owners, rules: this.deps.rules });

    // A record that would be a new customer is first compared with the records sharing a blocking key.
    const probabilistic = plan.kind === 'create' && ownerIds.length === 0 && item.traits !== null && item.blockKeys.length > 0;
    const decision = probabilistic && item.traits ? this.deps.matcher(item.traits, this.candidatesFor(item)) : null;
    if (decision && decision.kind !== 'none' && !this.customers.has(decision.customerId)) return decision.customerId;

    const customer = this.resolvedCustomer(plan, item.messageId);
    const changed = plan.kind !== 'attach' || plan.linkKeys.length > 0 || item.traits !== null;
    // A record matched probabilistically raises the version of the customer it ends with instead.
    if (changed && !probabilistic) this.bump(customer);
    this.attach(customer, item, plan.linkKeys, plan.kind);
    if (plan.conflicts.length > 0) this.recordConflicts(customer.customerId, item.messageId, plan.conflicts);
    let final = customer;
    let kind: ResolutionKind = plan.kind;
    if (decision && decision.kind !== 'none') {
      const target = this.customers.get(decision.customerId) as Working;
      if (decision.kind === 'review') {
        this.writes.reviews.push({
          subjectId: customer.customerId,
          candidateId: target.customerId,
          messageId: item.messageId,
          score: decision.score,
          comparisons: JSON.stringify(decision.comparisons),
        });
        kind = 'review';
      } else {
        const clash = uniqueClash(
          identifiers.map((i) => i.key),
          target.identifierKeys,
          this.deps.rules,
        );
        if (clash)
          this.recordConflicts(customer.customerId, item.messageId, [
            { otherCustomerId: target.customerId, type: clash, reason: 'unique-identifier', viaKey: 'traits' },
          ]);
        else if (!this.ownerState(target).separatedFrom.includes(customer.customerId)) {
          const evidence = {
            messageId: item.messageId,
            matchedMessageId: decision.candidateMessageId,
            score: decision.score,
            comparisons: decision.comparisons,
          };
          this.merge(target, [customer], 'probabilistic', decision.score, evidence);
          [final, kind] = [target, 'probabilistic'];
        }
      }
    }
    if (probabilistic) this.bump(final);
    this.outcomes.push({
      customerId: final.customerId,
      version: final.version,
      lineage: [...final.lineage],
      changed,
      kind,
      conflicts: plan.conflicts,
      skipped: plan.skipped,
    });
    return null;
  }

  /** The customer the plan resolves to, merging the group first when it found one person in several. */
  private resolvedCustomer(plan: ResolutionPlan, messageId: string): Working {
    if (plan.kind === 'create') {
      const created = this.working({ customerId: this.deps.newId(), createdAt: this.deps.now, identifierKeys: [], separatedFrom: [], version: 0, lineage: [] });
      created.changed = true;
      this.customers.set(created.customerId, created);
      return created;
    }
    const customer = this.customers.get(plan.kind === 'attach' ? plan.customerId : plan.survivorId) as Working;
    if (plan.kind === 'merge') {
      // The keys themselves, not just their types, so a reviewer can see (and undo) exactly what linked them.
      const absorbed = plan.absorbedIds.map((id) => this.customers.get(id) as Working);
      this.merge(customer, absorbed, 'shared-identifier', null, { messageId, identifierKeys: plan.evidenceKeys });
    }
    return customer;
  }

  private merge(survivor: Working, absorbed: readonly Working[], rule: PlannedMerge['rule'], score: number | null, evidence: object): void {
    const absorbedLineage: Record<string, string[]> = {};
    for (const a of absorbed) {
      absorbedLineage[a.customerId] = [...a.lineage];
      survivor.identifierKeys.push(...a.identifierKeys);
      survivor.separatedFrom.push(...a.separatedFrom);
      survivor.lineage = [...survivor.lineage, a.customerId, ...a.lineage].sort();
      this.absorbedInto.set(a.customerId, survivor.customerId);
      this.customers.delete(a.customerId);
      this.absorbedSinceWrite.set(a.customerId, a);
    }
    const absorbedIds = absorbed.map((a) => a.customerId);
    this.writes.merges.push({
      mergeId: this.deps.newId(),
      survivorId: survivor.customerId,
      absorbedIds,
      rule,
      score,
      evidence: JSON.stringify(evidence),
      absorbedLineage: JSON.stringify(absorbedLineage),
    });
  }

  private attach(customer: Working, item: BatchItem, linkKeys: readonly string[], rule: string): void {
    const originId = customer.customerId;
    customer.identifierKeys.push(...linkKeys);
    for (const key of linkKeys) {
      if (this.deps.rules(typeOf(key)).links) this.owners.set(key, originId);
      this.writes.links.push({ holderId: originId, originId, key, messageId: item.messageId });
    }
    this.writes.touchpoints.push({ holderId: originId, originId, messageId: item.messageId, rule });
    for (const key of item.blockKeys) this.writes.blockEntries.push({ key, messageId: item.messageId });
    if (item.traits) for (const key of item.blockKeys) this.blockOf(key).push({ messageId: item.messageId, customerId: originId, traits: item.traits });
    this.seen.set(item.messageId, originId);
  }

  private recordConflicts(customerId: string, messageId: string, conflicts: readonly Conflict[]): void {
    this.writes.conflicts.push(...conflicts.map((c) => ({ ...c, customerId, messageId })));
  }

  /** The records sharing a blocking key with the item, each with the customer now holding it. */
  private candidatesFor(item: BatchItem): CandidateRecord[] {
    const found = new Map<string, CandidateRecord>();
    for (const key of [...item.blockKeys].sort()) {
      for (const record of this.blocks.get(key) ?? []) {
        if (found.size >= CANDIDATE_LIMIT) break;
        if (record.messageId !== item.messageId && !found.has(record.messageId))
          found.set(record.messageId, { ...record, customerId: this.rootOf(record.customerId) });
      }
    }
    return [...found.values()];
  }

  private blockOf(key: string): CandidateRecord[] {
    const block = this.blocks.get(key) ?? [];
    this.blocks.set(key, block);
    return block;
  }

  private bump(customer: Working): void {
    customer.version += 1;
    customer.changed = true;
  }

  private working(c: KnownCustomer): Working {
    return { ...c, identifierKeys: [...c.identifierKeys], separatedFrom: [...c.separatedFrom], lineage: [...c.lineage], changed: false };
  }
}

export type { CandidateRecord, FieldComparison };
