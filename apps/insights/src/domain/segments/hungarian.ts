/**
 * Minimum-cost assignment of rows to columns (Hungarian method with potentials, O(n²m)), for any
 * rectangular matrix: every row gets a distinct column when rows ≤ columns, otherwise every column
 * gets a distinct row. Written here because the segment counts are small (≤ a dozen) and no
 * maintained package for it is among the dependencies. Returns, per row, its column or -1.
 */
export function assignMinimumCost(cost: readonly (readonly number[])[]): number[] {
  const rows = cost.length;
  const columns = cost[0]?.length ?? 0;
  if (rows === 0 || columns === 0) return new Array<number>(rows).fill(-1);
  if (rows > columns) {
    const transposed = Array.from({ length: columns }, (_, j) => cost.map((row) => row[j] ?? Infinity));
    const byColumn = assignMinimumCost(transposed);
    const byRow = new Array<number>(rows).fill(-1);
    byColumn.forEach((row, column) => {
      if (row >= 0) byRow[row] = column;
    });
    return byRow;
  }
  return assignRowsToColumns(cost, rows, columns);
}

/** The classic shortest-augmenting-path formulation, 1-based with a virtual row/column 0; needs rows ≤ columns. */
function assignRowsToColumns(cost: readonly (readonly number[])[], rows: number, columns: number): number[] {
  const rowPotential = new Array<number>(rows + 1).fill(0);
  const columnPotential = new Array<number>(columns + 1).fill(0);
  const rowOfColumn = new Array<number>(columns + 1).fill(0);
  const previousColumn = new Array<number>(columns + 1).fill(0);
  const at = (r: number, c: number) => cost[r - 1]?.[c - 1] ?? Infinity;
  for (let row = 1; row <= rows; row += 1) {
    rowOfColumn[0] = row;
    let column = 0;
    const slack = new Array<number>(columns + 1).fill(Infinity);
    const used = new Array<boolean>(columns + 1).fill(false);
    do {
      used[column] = true;
      const r = rowOfColumn[column] ?? 0;
      let delta = Infinity;
      let next = 0;
      for (let c = 1; c <= columns; c += 1) {
        if (used[c]) continue;
        const reduced = at(r, c) - (rowPotential[r] ?? 0) - (columnPotential[c] ?? 0);
        if (reduced < (slack[c] ?? Infinity)) {
          slack[c] = reduced;
          previousColumn[c] = column;
        }
        if ((slack[c] ?? Infinity) < delta) {
          delta = slack[c] ?? Infinity;
          next = c;
        }
      }
      for (let c = 0; c <= columns; c += 1) {
        if (used[c]) {
          const r2 = rowOfColumn[c] ?? 0;
          rowPotential[r2] = (rowPotential[r2] ?? 0) + delta;
          columnPotential[c] = (columnPotential[c] ?? 0) - delta;
        } else {
          slack[c] = (slack[c] ?? Infinity) - delta;
        }
      }
      column = next;
    } while (rowOfColumn[column] !== 0);
    do {
      const before = previousColumn[column] ?? 0;
      rowOfColumn[column] = rowOfColumn[before] ?? 0;
      column = before;
    } while (column !== 0);
  }
  const assignment = new Array<number>(rows).fill(-1);
  for (let c = 1; c <= columns; c += 1) if ((rowOfColumn[c] ?? 0) > 0) assignment[(rowOfColumn[c] ?? 0) - 1] = c - 1;
  return assignment;
}
