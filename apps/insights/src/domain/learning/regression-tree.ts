import type { Random } from './seeded-random';

/**
 * One regression tree of a boosted ensemble, grown on histogram bins from gradients and Hessians of the
 * log-loss (second-order gain as in XGBoost), stored as parallel arrays so it serialises as plain JSON.
 */
export interface RegressionTree {
  /** Feature tested at each node; -1 at a leaf. */
  feature: number[];
  /** Rows with value <= threshold go left. */
  threshold: number[];
  left: number[];
  right: number[];
  /** Leaf output on the margin scale (learning rate applied); at inner nodes, the node's own estimate. */
  value: number[];
  /** Training rows that reached the node; TreeSHAP weighs unseen branches by it. */
  cover: number[];
}

export interface TreeGrowth {
  maxDepth: number;
  minLeafSize: number;
  /** Penalty on leaf values (XGBoost's lambda). */
  l2: number;
  learningRate: number;
  /** Share of features considered per tree. */
  featureFraction: number;
}

/** Training data in binned, column-major form, shared by every tree of one fit. */
export interface BinnedData {
  bins: Uint8Array[];
  cuts: number[][];
}

interface Split {
  feature: number;
  bin: number;
  gain: number;
}

const MIN_CHILD_HESSIAN = 1e-3;

function leafWeight(g: number, h: number, l2: number): number {
  return -g / (h + l2);
}

function bestSplit(data: BinnedData, rows: Uint32Array, grad: Float64Array, hess: Float64Array, features: number[], growth: TreeGrowth): Split | null {
  let gSum = 0;
  let hSum = 0;
  for (const i of rows) {
    gSum += grad[i] as number;
    hSum += hess[i] as number;
  }
  const parentScore = (gSum * gSum) / (hSum + growth.l2);
  let best: Split | null = null;
  for (const f of features) {
    const width = (data.cuts[f] as number[]).length + 1;
    if (width < 2) continue;
    const column = data.bins[f] as Uint8Array;
    const g = new Float64Array(width);
    const h = new Float64Array(width);
    const c = new Uint32Array(width);
    for (const i of rows) {
      const b = column[i] as number;
      g[b] = (g[b] as number) + (grad[i] as number);
      h[b] = (h[b] as number) + (hess[i] as number);
      c[b] = (c[b] as number) + 1;
    }
    let gLeft = 0;
    let hLeft = 0;
    let cLeft = 0;
    for (let b = 0; b < width - 1; b++) {
      gLeft += g[b] as number;
      hLeft += h[b] as number;
      cLeft += c[b] as number;
      const cRight = rows.length - cLeft;
      if (cLeft < growth.minLeafSize) continue;
      if (cRight < growth.minLeafSize) break;
      const hRight = hSum - hLeft;
      if (hLeft < MIN_CHILD_HESSIAN || hRight < MIN_CHILD_HESSIAN) continue;
      const gRight = gSum - gLeft;
      const gain = (gLeft * gLeft) / (hLeft + growth.l2) + (gRight * gRight) / (hRight + growth.l2) - parentScore;
      if (gain > 1e-12 && (best === null || gain > best.gain)) best = { feature: f, bin: b, gain };
    }
  }
  return best;
}

function chooseFeatures(count: number, fraction: number, random: Random): number[] {
  const all = Array.from({ length: count }, (_, f) => f);
  if (fraction >= 1) return all;
  const keep = Math.max(1, Math.round(count * fraction));
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [all[i], all[j]] = [all[j] as number, all[i] as number];
  }
  return all.slice(0, keep).sort((a, b) => a - b);
}

/** Grows one tree depth-first on the given training rows. */
export function growTree(data: BinnedData, rows: Uint32Array, grad: Float64Array, hess: Float64Array, growth: TreeGrowth, random: Random): RegressionTree {
  const tree: RegressionTree = { feature: [], threshold: [], left: [], right: [], value: [], cover: [] };
  const features = chooseFeatures(data.bins.length, growth.featureFraction, random);
  const grow = (nodeRows: Uint32Array, depth: number): number => {
    const node = tree.feature.length;
    let g = 0;
    let h = 0;
    for (const i of nodeRows) {
      g += grad[i] as number;
      h += hess[i] as number;
    }
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(growth.learningRate * leafWeight(g, h, growth.l2));
    tree.cover.push(nodeRows.length);
    const split = depth < growth.maxDepth && nodeRows.length >= 2 * growth.minLeafSize ? bestSplit(data, nodeRows, grad, hess, features, growth) : null;
    if (split === null) return node;
    const column = data.bins[split.feature] as Uint8Array;
    const leftRows = nodeRows.filter((i) => (column[i] as number) <= split.bin);
    const rightRows = nodeRows.filter((i) => (column[i] as number) > split.bin);
    tree.feature[node] = split.feature;
    tree.threshold[node] = (data.cuts[split.feature] as number[])[split.bin] as number;
    tree.left[node] = grow(leftRows, depth + 1);
    tree.right[node] = grow(rightRows, depth + 1);
    return node;
  };
  grow(rows, 0);
  return tree;
}

export function predictTree(tree: RegressionTree, row: ArrayLike<number>): number {
  let node = 0;
  while ((tree.feature[node] as number) >= 0) {
    node = (row[tree.feature[node] as number] as number) <= (tree.threshold[node] as number) ? (tree.left[node] as number) : (tree.right[node] as number);
  }
  return tree.value[node] as number;
}
