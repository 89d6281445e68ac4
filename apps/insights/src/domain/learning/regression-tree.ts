import type { Random } from '../seeded-random';

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

/** Gradient, Hessian and row count per bin of every feature, flat with one offset per feature. */
interface Histogram {
  g: Float64Array;
  h: Float64Array;
  c: Float64Array;
}

interface Layout {
  features: number[];
  offsets: number[];
  widths: number[];
  size: number;
}

function layoutOf(data: BinnedData, features: number[]): Layout {
  const offsets: number[] = [];
  const widths: number[] = [];
  let size = 0;
  for (const f of features) {
    offsets.push(size);
    widths.push((data.cuts[f] as number[]).length + 1);
    size += widths[widths.length - 1] as number;
  }
  return { features, offsets, widths, size };
}

function buildHistogram(data: BinnedData, layout: Layout, rows: Uint32Array, grad: Float64Array, hess: Float64Array): Histogram {
  const hist: Histogram = { g: new Float64Array(layout.size), h: new Float64Array(layout.size), c: new Float64Array(layout.size) };
  const n = rows.length;
  layout.features.forEach((f, k) => {
    const column = data.bins[f] as Uint8Array;
    const offset = layout.offsets[k] as number;
    for (let r = 0; r < n; r++) {
      const i = rows[r] as number;
      const b = offset + (column[i] as number);
      hist.g[b] = (hist.g[b] as number) + (grad[i] as number);
      hist.h[b] = (hist.h[b] as number) + (hess[i] as number);
      hist.c[b] = (hist.c[b] as number) + 1;
    }
  });
  return hist;
}

/** The larger child's histogram as parent minus the smaller child's: half the scanning per level. */
function subtractHistogram(parent: Histogram, child: Histogram): Histogram {
  return {
    g: parent.g.map((v, b) => v - (child.g[b] as number)),
    h: parent.h.map((v, b) => v - (child.h[b] as number)),
    c: parent.c.map((v, b) => v - (child.c[b] as number)),
  };
}

function bestSplit(layout: Layout, hist: Histogram, gSum: number, hSum: number, n: number, growth: TreeGrowth): Split | null {
  const parentScore = (gSum * gSum) / (hSum + growth.l2);
  let best: Split | null = null;
  layout.features.forEach((f, k) => {
    const offset = layout.offsets[k] as number;
    const width = layout.widths[k] as number;
    let gLeft = 0;
    let hLeft = 0;
    let cLeft = 0;
    for (let b = 0; b < width - 1; b++) {
      gLeft += hist.g[offset + b] as number;
      hLeft += hist.h[offset + b] as number;
      cLeft += hist.c[offset + b] as number;
      const cRight = n - cLeft;
      if (cLeft < growth.minLeafSize) continue;
      if (cRight < growth.minLeafSize) break;
      const hRight = hSum - hLeft;
      if (hLeft < MIN_CHILD_HESSIAN || hRight < MIN_CHILD_HESSIAN) continue;
      const gRight = gSum - gLeft;
      const gain = (gLeft * gLeft) / (hLeft + growth.l2) + (gRight * gRight) / (hRight + growth.l2) - parentScore;
      if (gain > 1e-12 && (best === null || gain > best.gain)) best = { feature: f, bin: b, gain };
    }
  });
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
  const layout = layoutOf(data, chooseFeatures(data.bins.length, growth.featureFraction, random));
  const splittable = (nodeRows: Uint32Array, depth: number) => depth < growth.maxDepth && nodeRows.length >= 2 * growth.minLeafSize;
  const grow = (nodeRows: Uint32Array, depth: number, hist: Histogram | null): number => {
    const node = tree.feature.length;
    let g = 0;
    let h = 0;
    for (let k = 0; k < nodeRows.length; k++) {
      g += grad[nodeRows[k] as number] as number;
      h += hess[nodeRows[k] as number] as number;
    }
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(growth.learningRate * leafWeight(g, h, growth.l2));
    tree.cover.push(nodeRows.length);
    const split = hist === null ? null : bestSplit(layout, hist, g, h, nodeRows.length, growth);
    if (split === null || hist === null) return node;
    const column = data.bins[split.feature] as Uint8Array;
    const leftRows = nodeRows.filter((i) => (column[i] as number) <= split.bin);
    const rightRows = nodeRows.filter((i) => (column[i] as number) > split.bin);
    const [small, large] = leftRows.length <= rightRows.length ? [leftRows, rightRows] : [rightRows, leftRows];
    const needSmall = splittable(small, depth + 1);
    const needLarge = splittable(large, depth + 1);
    const smallHist = needSmall || needLarge ? buildHistogram(data, layout, small, grad, hess) : null;
    const largeHist = needLarge && smallHist !== null ? subtractHistogram(hist, smallHist) : null;
    const histOf = (part: Uint32Array) => (part === small ? (needSmall ? smallHist : null) : largeHist);
    tree.feature[node] = split.feature;
    tree.threshold[node] = (data.cuts[split.feature] as number[])[split.bin] as number;
    tree.left[node] = grow(leftRows, depth + 1, histOf(leftRows));
    tree.right[node] = grow(rightRows, depth + 1, histOf(rightRows));
    return node;
  };
  grow(rows, 0, splittable(rows, 0) ? buildHistogram(data, layout, rows, grad, hess) : null);
  return tree;
}

export function predictTree(tree: RegressionTree, row: ArrayLike<number>): number {
  let node = 0;
  while ((tree.feature[node] as number) >= 0) {
    node = (row[tree.feature[node] as number] as number) <= (tree.threshold[node] as number) ? (tree.left[node] as number) : (tree.right[node] as number);
  }
  return tree.value[node] as number;
}
