import { seededRandom, shuffled } from '../seeded-random';

/** Users, not rows, are split: no customer's later steps can train a model that is scored on their earlier ones. */
export function splitUsers<T extends { user: string }>(users: readonly T[], testFraction: number, seed: number): { train: T[]; test: T[] } {
  const order = shuffled(
    [...users].sort((a, b) => (a.user < b.user ? -1 : a.user > b.user ? 1 : 0)),
    seededRandom(seed),
  );
  const cut = Math.round(order.length * (1 - testFraction));
  return { train: order.slice(0, cut), test: order.slice(cut) };
}
