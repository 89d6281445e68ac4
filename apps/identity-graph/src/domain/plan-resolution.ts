/** What planning needs to know of an identifier type (from the registry). */
export interface TypeRule {
  priority: number;
  limit: number;
  unique: boolean;
  links: boolean;
}

export interface TouchpointIdentifier {
  key: string;
  type: string;
  /** The customer holding this identifier, for identifiers that link (null when none does). */
  ownerId: string | null;
}

/** A customer that holds one of the touchpoint's identifiers, as it stands, locked, in the graph. */
export interface OwnerState {
  customerId: string;
  createdAt: Date;
  identifierKeys: readonly string[];
  /** Customers this one must never be merged with automatically (a merge was undone). */
  separatedFrom: readonly string[];
}

export interface Conflict {
  /** The customer the touchpoint could not be merged with. */
  otherCustomerId: string;
  /** The identifier type whose values clash, or 'separated' for an undone merge. */
  type: string;
  reason: 'unique-identifier' | 'separated';
  /** The touchpoint's identifier that pointed at the other customer. */
  viaKey: string;
}

export interface Skipped {
  key: string;
  reason: 'limit' | 'unique-identifier';
}

interface Outcome {
  linkKeys: string[];
  skipped: Skipped[];
  conflicts: Conflict[];
}

export type ResolutionPlan =
  | ({ kind: 'create' } & Outcome)
  | ({ kind: 'attach'; customerId: string } & Outcome)
  | ({ kind: 'merge'; survivorId: string; absorbedIds: string[]; evidenceKeys: string[] } & Outcome);

export interface ResolutionInput {
  identifiers: readonly TouchpointIdentifier[];
  owners: ReadonlyMap<string, OwnerState>;
  rules: (type: string) => TypeRule;
}

const typeOf = (key: string) => key.slice(0, key.indexOf(':'));

/** Values per type held by a set of customers, plus what the touchpoint has claimed so far. */
class GroupState {
  readonly members: OwnerState[] = [];
  private readonly values = new Map<string, Set<string>>();

  constructor(private readonly rules: ResolutionInput['rules']) {}

  count(type: string): number {
    return this.values.get(type)?.size ?? 0;
  }

  /** Whether adding these keys keeps every unique type within its limit. */
  uniqueClash(keys: readonly string[]): string | null {
    const added = new Map<string, Set<string>>();
    for (const key of keys) {
      const type = typeOf(key);
      if (!this.rules(type).unique) continue;
      const set = added.get(type) ?? new Set(this.values.get(type));
      set.add(key);
      added.set(type, set);
      if (set.size > this.rules(type).limit) return type;
    }
    return null;
  }

  add(keys: readonly string[]): void {
    for (const key of keys) {
      const type = typeOf(key);
      const set = this.values.get(type) ?? new Set<string>();
      set.add(key);
      this.values.set(type, set);
    }
  }

  separatedFrom(owner: OwnerState): boolean {
    return this.members.some((m) => m.separatedFrom.includes(owner.customerId) || owner.separatedFrom.includes(m.customerId));
  }
}

function byPriority(rules: ResolutionInput['rules']) {
  // Within a priority, what is already known comes first: a second crmId on a touchpoint must not
  // push the customer holding the first one away.
  const known = (i: TouchpointIdentifier) => (i.ownerId && rules(i.type).links ? 0 : 1);
  return (a: TouchpointIdentifier, b: TouchpointIdentifier) =>
    rules(b.type).priority - rules(a.type).priority || known(a) - known(b) || a.key.localeCompare(b.key);
}

/**
 * Deterministic rule: a shared identifier means the same customer. The touchpoint's identifiers are
 * taken in priority order; each owner joins the group unless that would give it two values of a
 * unique identifier (crmId, accountId) or undo a split, in which case the conflict is recorded and
 * the customers stay apart. The group merges into its oldest member (ties: smallest id), so the
 * outcome does not depend on the order touchpoints arrive in. New identifiers are linked within each
 * type's per-customer limit.
 */
export function planResolution(input: ResolutionInput): ResolutionPlan {
  const { rules } = input;
  const group = new GroupState(rules);
  const conflicts: Conflict[] = [];
  const skipped: Skipped[] = [];
  const claimed: TouchpointIdentifier[] = [];
  const evidenceKeys: string[] = [];

  for (const identifier of [...input.identifiers].sort(byPriority(rules))) {
    const owner = rules(identifier.type).links && identifier.ownerId ? input.owners.get(identifier.ownerId) : undefined;
    if (!owner) {
      const clash = group.uniqueClash([identifier.key]);
      if (clash) skipped.push({ key: identifier.key, reason: 'unique-identifier' });
      else {
        group.add([identifier.key]);
        claimed.push(identifier);
      }
      continue;
    }
    evidenceKeys.push(identifier.key);
    if (group.members.includes(owner)) continue;
    if (group.separatedFrom(owner)) {
      conflicts.push({ otherCustomerId: owner.customerId, type: 'separated', reason: 'separated', viaKey: identifier.key });
      continue;
    }
    const clash = group.uniqueClash(owner.identifierKeys);
    if (clash) {
      conflicts.push({ otherCustomerId: owner.customerId, type: clash, reason: 'unique-identifier', viaKey: identifier.key });
      continue;
    }
    group.members.push(owner);
    group.add(owner.identifierKeys);
  }

  const linkKeys = withinLimits(claimed, group, input);
  skipped.push(...claimed.filter((c) => !linkKeys.includes(c.key)).map((c) => ({ key: c.key, reason: 'limit' as const })));
  const outcome = { linkKeys, skipped, conflicts };
  const [survivor, ...absorbed] = [...group.members].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.customerId.localeCompare(b.customerId));
  if (!survivor) return { kind: 'create', ...outcome };
  if (absorbed.length === 0) return { kind: 'attach', customerId: survivor.customerId, ...outcome };
  return { kind: 'merge', survivorId: survivor.customerId, absorbedIds: absorbed.map((a) => a.customerId), evidenceKeys, ...outcome };
}

/** New identifiers the customer may still take: a type already at its limit takes no more. */
function withinLimits(claimed: readonly TouchpointIdentifier[], group: GroupState, input: ResolutionInput): string[] {
  const held = new Map<string, number>();
  for (const member of group.members) for (const key of member.identifierKeys) held.set(typeOf(key), (held.get(typeOf(key)) ?? 0) + 1);
  const accepted: string[] = [];
  for (const identifier of claimed) {
    const count = held.get(identifier.type) ?? 0;
    if (count >= input.rules(identifier.type).limit) continue;
    held.set(identifier.type, count + 1);
    accepted.push(identifier.key);
  }
  return accepted;
}
