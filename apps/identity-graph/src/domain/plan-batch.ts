import { planResolution, type OwnerState, type Skipped, type TypeRule } from './plan-resolution';

/** A touchpoint of a batch as planning sees it: keys already namespaced, and what the graph said of it. */
export interface BatchItem {
  messageId: string;
  identifiers: readonly { key: string; type: string }[];
  hasTraits: boolean;
  /** Traits with blocking keys: a new customer from it must be compared with similar records. */
  matchesProbabilistically: boolean;
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
}

export interface PlannedItem {
  messageId: string;
  customerId: string;
  kind: 'create' | 'attach' | 'replay';
  changed: boolean;
  linkKeys: string[];
  skipped: Skipped[];
  version: number;
  lineage: readonly string[];
}

/** What a planned stretch of the batch writes: its touchpoints, and the customers created or changed, at their new version. */
export interface BatchWrites {
  planned: PlannedItem[];
  customers: { customerId: string; version: number }[];
}

interface Working extends KnownCustomer {
  identifierKeys: string[];
  /** Created or changed since the last write. */
  changed: boolean;
}

const typeOf = (key: string) => key.slice(0, key.indexOf(':'));

/**
 * Plans the common case of a batch in memory: each touchpoint in order, with the same deterministic
 * rule as one-at-a-time resolution (`planResolution`), seeing the touchpoints before it. It stops at
 * a touchpoint that would merge customers, record a conflict or need probabilistic matching; the
 * caller writes what was planned, resolves that one on its own, tells the planner where it ended
 * (`settle`), and plans on. Outcomes are the ones resolving each touchpoint in turn would give.
 */
export class BatchPlanner {
  private readonly owners: Map<string, string | null>;
  private readonly customers: Map<string, Working>;
  private readonly seen = new Map<string, string>();
  private planned: PlannedItem[] = [];

  constructor(
    state: BatchState,
    private readonly rules: (type: string) => TypeRule,
    private readonly newId: () => string,
    private readonly now: Date,
  ) {
    this.owners = new Map(state.owners);
    this.customers = new Map([...state.customers].map(([id, c]) => [id, this.working(c)]));
  }

  /** Plans items from `from` on; returns the index of the first one it cannot decide, or null when all are planned. */
  planFrom(items: readonly BatchItem[], from: number): number | null {
    for (const [index, item] of items.entries()) {
      if (index >= from && !this.plan(item)) return index;
    }
    return null;
  }

  /** What was planned since the last call; afterwards those customers count as written. */
  takeWrites(): BatchWrites {
    const written = [...this.customers.values()].filter((c) => c.changed);
    for (const c of written) c.changed = false;
    const planned = this.planned;
    this.planned = [];
    return { planned, customers: written.map((c) => ({ customerId: c.customerId, version: c.version })) };
  }

  /**
   * After the caller resolved a touchpoint on its own: the customer it ended with, as the graph now
   * holds it. Customers merged into it are gone, and their identifiers are its own now.
   */
  settle(messageId: string, customer: KnownCustomer): void {
    for (const id of customer.lineage) this.customers.delete(id);
    this.customers.set(customer.customerId, this.working(customer));
    for (const key of customer.identifierKeys) if (this.rules(typeOf(key)).links) this.owners.set(key, customer.customerId);
    this.seen.set(messageId, customer.customerId);
  }

  private plan(item: BatchItem): boolean {
    const replayOf = item.replayOf ?? this.seen.get(item.messageId);
    if (replayOf) {
      const holder = this.customers.get(replayOf);
      if (!holder) return false;
      this.planned.push({ messageId: item.messageId, customerId: replayOf, kind: 'replay', changed: false, linkKeys: [], skipped: [], version: holder.version, lineage: holder.lineage });
      return true;
    }
    const plan = planResolution({ identifiers: item.identifiers.map((i) => ({ ...i, ownerId: this.owners.get(i.key) ?? null })), owners: this.customers, rules: this.rules });
    if (plan.kind === 'merge' || plan.conflicts.length > 0 || (plan.kind === 'create' && item.matchesProbabilistically)) return false;

    const customer =
      plan.kind === 'attach'
        ? this.customers.get(plan.customerId)
        : this.working({ customerId: this.newId(), createdAt: this.now, identifierKeys: [], separatedFrom: [], version: 0, lineage: [] });
    // planResolution only attaches to an owner it was given, so this is a guard, not a case.
    if (!customer) return false;
    this.customers.set(customer.customerId, customer);
    const changed = plan.kind === 'create' || plan.linkKeys.length > 0 || item.hasTraits;
    if (changed) [customer.version, customer.changed] = [customer.version + 1, true];
    customer.identifierKeys.push(...plan.linkKeys);
    for (const key of plan.linkKeys) if (this.rules(typeOf(key)).links) this.owners.set(key, customer.customerId);
    this.seen.set(item.messageId, customer.customerId);
    this.planned.push({ messageId: item.messageId, customerId: customer.customerId, kind: plan.kind, changed, linkKeys: plan.linkKeys, skipped: plan.skipped, version: customer.version, lineage: customer.lineage });
    return true;
  }

  private working(c: KnownCustomer): Working {
    return { ...c, identifierKeys: [...c.identifierKeys], changed: false };
  }
}
