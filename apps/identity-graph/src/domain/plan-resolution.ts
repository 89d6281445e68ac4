/** A customer that already owns one of a touchpoint's identifiers. */
export interface Owner {
  customerId: string;
  createdAt: Date;
}

export interface IdentifierOwnership {
  key: string;
  owner: Owner | null;
}

export type ResolutionPlan =
  | { kind: 'create'; linkKeys: string[] }
  | { kind: 'attach'; customerId: string; linkKeys: string[] }
  | { kind: 'merge'; survivorId: string; absorbedIds: string[]; evidenceKeys: string[]; linkKeys: string[] };

/**
 * Deterministic rule: identifiers shared with a customer mean that customer. When they point at
 * several customers, all merge into the oldest (ties: smallest id), so the outcome does not depend
 * on the order touchpoints arrive in.
 */
export function planResolution(ownership: readonly IdentifierOwnership[]): ResolutionPlan {
  const owners = new Map<string, Owner>();
  for (const { owner } of ownership) if (owner) owners.set(owner.customerId, owner);
  const unowned = ownership.filter((o) => !o.owner).map((o) => o.key);

  const [survivor, ...absorbed] = [...owners.values()].sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.customerId.localeCompare(b.customerId),
  );
  if (!survivor) return { kind: 'create', linkKeys: ownership.map((o) => o.key) };
  if (absorbed.length === 0) return { kind: 'attach', customerId: survivor.customerId, linkKeys: unowned };
  return {
    kind: 'merge',
    survivorId: survivor.customerId,
    absorbedIds: absorbed.map((a) => a.customerId),
    evidenceKeys: ownership.filter((o) => o.owner).map((o) => o.key),
    linkKeys: unowned,
  };
}
