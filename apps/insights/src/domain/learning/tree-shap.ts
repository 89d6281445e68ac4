import type { RegressionTree } from './regression-tree';

/**
 * Exact path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, "Consistent individualized feature attribution
 * for tree ensembles", Algorithm 2): Shapley values of one tree's output where an absent feature's branch is
 * averaged by training cover. Polynomial in depth instead of exponential in features; the unit tests check it
 * against the exponential definition. Contributions sum with expectedTreeValue to the tree's output.
 *
 * The path lives in flat typed arrays, one segment per recursion level (a child copies its parent's path
 * into the next segment), because scoring explains every prediction and allocation dominated the first cut.
 */

interface Path {
  feature: Int32Array;
  /** Share of the paths through here that an absent feature would take (cover ratio). */
  zero: Float64Array;
  /** 1 when the explained row follows this branch, else 0. */
  one: Float64Array;
  /** Permutation weight of this subset size. */
  weight: Float64Array;
}

/** Appends an element to the path segment at `start` of length `length`; returns the new length. */
function extendPath(p: Path, start: number, length: number, zero: number, one: number, feature: number): number {
  p.feature[start + length] = feature;
  p.zero[start + length] = zero;
  p.one[start + length] = one;
  p.weight[start + length] = length === 0 ? 1 : 0;
  for (let i = length - 1; i >= 0; i--) {
    p.weight[start + i + 1] = (p.weight[start + i + 1] as number) + (one * (p.weight[start + i] as number) * (i + 1)) / (length + 1);
    p.weight[start + i] = (zero * (p.weight[start + i] as number) * (length - i)) / (length + 1);
  }
  return length + 1;
}

/** Undoes extendPath for element i in place: the path as if that feature had never been met. */
function unwindPath(p: Path, start: number, length: number, i: number): number {
  const depth = length - 1;
  const one = p.one[start + i] as number;
  const zero = p.zero[start + i] as number;
  let carried = p.weight[start + depth] as number;
  for (let j = depth - 1; j >= 0; j--) {
    const here = p.weight[start + j] as number;
    if (one !== 0) {
      const weight = (carried * (depth + 1)) / ((j + 1) * one);
      p.weight[start + j] = weight;
      carried = here - (weight * zero * (depth - j)) / (depth + 1);
    } else {
      p.weight[start + j] = (here * (depth + 1)) / (zero * (depth - j));
    }
  }
  for (let j = i; j < depth; j++) {
    p.feature[start + j] = p.feature[start + j + 1] as number;
    p.zero[start + j] = p.zero[start + j + 1] as number;
    p.one[start + j] = p.one[start + j + 1] as number;
  }
  return depth;
}

/** Total weight the path would have with element i unwound, computed without changing the path. */
function unwoundWeight(p: Path, start: number, length: number, i: number): number {
  const depth = length - 1;
  const one = p.one[start + i] as number;
  const zero = p.zero[start + i] as number;
  let carried = p.weight[start + depth] as number;
  let total = 0;
  for (let j = depth - 1; j >= 0; j--) {
    if (one !== 0) {
      const weight = (carried * (depth + 1)) / ((j + 1) * one);
      total += weight;
      carried = (p.weight[start + j] as number) - (weight * zero * (depth - j)) / (depth + 1);
    } else {
      total += ((p.weight[start + j] as number) * (depth + 1)) / (zero * (depth - j));
    }
  }
  return total;
}

// A plain loop: paths are a few elements long, where copyWithin's call overhead dominated the profile.
function copySegment(p: Path, from: number, to: number, length: number): void {
  for (let k = 0; k < length; k++) {
    p.feature[to + k] = p.feature[from + k] as number;
    p.zero[to + k] = p.zero[from + k] as number;
    p.one[to + k] = p.one[from + k] as number;
    p.weight[to + k] = p.weight[from + k] as number;
  }
}

/** Scratch space for the path, sized for trees up to `maxDepth`; reuse one across trees to save allocations. */
export function shapScratch(maxDepth: number): Path {
  const size = ((maxDepth + 2) * (maxDepth + 3)) / 2;
  return { feature: new Int32Array(size), zero: new Float64Array(size), one: new Float64Array(size), weight: new Float64Array(size) };
}

export type ShapScratch = Path;

interface Walk {
  tree: RegressionTree;
  row: ArrayLike<number>;
  phi: Float64Array;
  path: Path;
}

function visit(w: Walk, node: number, parentStart: number, parentLength: number, zero: number, one: number, feature: number): void {
  const { tree, path: p } = w;
  const start = parentStart + parentLength;
  copySegment(p, parentStart, start, parentLength);
  let length = extendPath(p, start, parentLength, zero, one, feature);
  const split = tree.feature[node] as number;
  if (split < 0) {
    const leafValue = tree.value[node] as number;
    for (let i = 1; i < length; i++) {
      const f = p.feature[start + i] as number;
      const weight = unwoundWeight(p, start, length, i);
      w.phi[f] = (w.phi[f] as number) + weight * ((p.one[start + i] as number) - (p.zero[start + i] as number)) * leafValue;
    }
    return;
  }
  const goesLeft = (w.row[split] as number) <= (tree.threshold[node] as number);
  const hot = (goesLeft ? tree.left[node] : tree.right[node]) as number;
  const cold = (goesLeft ? tree.right[node] : tree.left[node]) as number;
  let incomingZero = 1;
  let incomingOne = 1;
  // A feature split on again further down: its earlier fractions carry over, counted once.
  let seen = -1;
  for (let i = 1; i < length && seen < 0; i++) if (p.feature[start + i] === split) seen = i;
  if (seen > 0) {
    incomingZero = p.zero[start + seen] as number;
    incomingOne = p.one[start + seen] as number;
    length = unwindPath(p, start, length, seen);
  }
  const cover = tree.cover[node] as number;
  visit(w, hot, start, length, (incomingZero * (tree.cover[hot] as number)) / cover, incomingOne, split);
  visit(w, cold, start, length, (incomingZero * (tree.cover[cold] as number)) / cover, 0, split);
}

/**
 * Adds this tree's contribution per feature for `row` into `phi` (length = feature count). A given scratch
 * must come from shapScratch(d) with d at least the tree's depth.
 */
export function addTreeShap(tree: RegressionTree, row: ArrayLike<number>, phi: Float64Array, scratch: ShapScratch = shapScratch(treeDepth(tree))): void {
  visit({ tree, row, phi, path: scratch }, 0, 0, 0, 1, 1, -1);
}

/** Deepest leaf of the tree (0 for a single leaf). */
export function treeDepth(tree: RegressionTree, node = 0): number {
  if ((tree.feature[node] as number) < 0) return 0;
  return 1 + Math.max(treeDepth(tree, tree.left[node] as number), treeDepth(tree, tree.right[node] as number));
}

/** The tree's mean output over its training rows (cover-weighted leaves): the base every explanation starts from. */
export function expectedTreeValue(tree: RegressionTree, node = 0): number {
  const split = tree.feature[node] as number;
  if (split < 0) return tree.value[node] as number;
  const left = tree.left[node] as number;
  const right = tree.right[node] as number;
  const cover = tree.cover[node] as number;
  return ((tree.cover[left] as number) * expectedTreeValue(tree, left) + (tree.cover[right] as number) * expectedTreeValue(tree, right)) / cover;
}
