/** mulberry32: a seeded source, so a split or a training run can be repeated exactly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates on a copy. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Users, not rows, are split: no customer's later steps can train a model that is scored on their earlier ones. */
export function splitUsers<T extends { user: string }>(users: readonly T[], testFraction: number, seed: number): { train: T[]; test: T[] } {
  const order = shuffled(
    [...users].sort((a, b) => (a.user < b.user ? -1 : a.user > b.user ? 1 : 0)),
    seededRandom(seed),
  );
  const cut = Math.round(order.length * (1 - testFraction));
  return { train: order.slice(0, cut), test: order.slice(cut) };
}
