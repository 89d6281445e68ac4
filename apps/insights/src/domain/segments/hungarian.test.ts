import { seededRandom } from '../seeded-random';
import { assignMinimumCost } from './hungarian';

function bruteForce(cost: number[][]): number {
  const rows = cost.length;
  const columns = cost[0]?.length ?? 0;
  let best = Infinity;
  const used = new Set<number>();
  const search = (row: number, total: number, assigned: number) => {
    if (row === rows) {
      if (assigned === Math.min(rows, columns)) best = Math.min(best, total);
      return;
    }
    if (rows - row > columns - assigned) search(row + 1, total, assigned);
    for (let c = 0; c < columns; c += 1) {
      if (used.has(c)) continue;
      used.add(c);
      search(row + 1, total + (cost[row]?.[c] ?? 0), assigned + 1);
      used.delete(c);
    }
  };
  search(0, 0, 0);
  return best;
}

describe('assignMinimumCost', () => {
  it('finds the optimum a greedy choice misses', () => {
    expect(
      assignMinimumCost([
        [1, 2],
        [1, 10],
      ]),
    ).toEqual([1, 0]);
  });

  it('matches brute force on random square and rectangular matrices, each column used once', () => {
    const random = seededRandom(17);
    for (const [rows, columns] of [
      [4, 4],
      [3, 5],
      [5, 3],
      [6, 6],
      [1, 4],
      [4, 1],
    ] as const) {
      for (let trial = 0; trial < 20; trial += 1) {
        const cost = Array.from({ length: rows }, () => Array.from({ length: columns }, () => Math.round(random() * 100)));
        const assignment = assignMinimumCost(cost);
        const usedColumns = assignment.filter((c) => c >= 0);
        expect(new Set(usedColumns).size).toBe(usedColumns.length);
        expect(usedColumns).toHaveLength(Math.min(rows, columns));
        expect(assignment.reduce((sum, c, r) => sum + (c >= 0 ? (cost[r]?.[c] ?? 0) : 0), 0)).toBe(bruteForce(cost));
      }
    }
  });

  it('assigns nothing without rows or columns', () => {
    expect(assignMinimumCost([])).toEqual([]);
    expect(assignMinimumCost([[], []])).toEqual([-1, -1]);
  });
});
