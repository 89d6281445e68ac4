import type { RegressionTree } from './regression-tree';

/**
 * Exact path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, "Consistent individualized feature attribution
 * for tree ensembles", Algorithm 2): Shapley values of one tree's output where an absent feature's branch is
 * averaged by training cover. Polynomial in depth instead of exponential in features; the unit tests check it
 * against the exponential definition. Contributions sum with expectedTreeValue to the tree's output.
 */

interface PathElement {
  feature: number;
  /** Share of the paths through here that an absent feature would take (cover ratio). */
  zero: number;
  /** 1 when the explained row follows this branch, else 0. */
  one: number;
  /** Permutation weight of this subset size. */
  weight: number;
}

function extendPath(path: readonly PathElement[], zero: number, one: number, feature: number): PathElement[] {
  const depth = path.length;
  const next = path.map((e) => ({ ...e }));
  next.push({ feature, zero, one, weight: depth === 0 ? 1 : 0 });
  for (let i = depth - 1; i >= 0; i--) {
    const here = next[i] as PathElement;
    (next[i + 1] as PathElement).weight += (one * here.weight * (i + 1)) / (depth + 1);
    here.weight = (zero * here.weight * (depth - i)) / (depth + 1);
  }
  return next;
}

/** Undoes extendPath for element i: the path as if that feature had never been met. */
function unwindPath(path: readonly PathElement[], i: number): PathElement[] {
  const depth = path.length - 1;
  const { one, zero } = path[i] as PathElement;
  let carried = (path[depth] as PathElement).weight;
  const next = path.slice(0, depth).map((e) => ({ ...e }));
  for (let j = depth - 1; j >= 0; j--) {
    const here = next[j] as PathElement;
    if (one !== 0) {
      const previous = here.weight;
      here.weight = (carried * (depth + 1)) / ((j + 1) * one);
      carried = previous - (here.weight * zero * (depth - j)) / (depth + 1);
    } else {
      here.weight = (here.weight * (depth + 1)) / (zero * (depth - j));
    }
  }
  for (let j = i; j < depth; j++) {
    const from = path[j + 1] as PathElement;
    Object.assign(next[j] as PathElement, { feature: from.feature, zero: from.zero, one: from.one });
  }
  return next;
}

/** Adds this tree's contribution per feature for `row` into `phi` (length = feature count). */
export function addTreeShap(tree: RegressionTree, row: ArrayLike<number>, phi: Float64Array): void {
  const visit = (node: number, incoming: readonly PathElement[], zero: number, one: number, feature: number): void => {
    let path = extendPath(incoming, zero, one, feature);
    const split = tree.feature[node] as number;
    if (split < 0) {
      const leafValue = tree.value[node] as number;
      for (let i = 1; i < path.length; i++) {
        const element = path[i] as PathElement;
        const weight = unwindPath(path, i).reduce((sum, e) => sum + e.weight, 0);
        phi[element.feature] = (phi[element.feature] as number) + weight * (element.one - element.zero) * leafValue;
      }
      return;
    }
    const goesLeft = (row[split] as number) <= (tree.threshold[node] as number);
    const hot = (goesLeft ? tree.left[node] : tree.right[node]) as number;
    const cold = (goesLeft ? tree.right[node] : tree.left[node]) as number;
    let incomingZero = 1;
    let incomingOne = 1;
    // A feature split on again further down: its earlier fractions carry over, counted once.
    const seen = path.findIndex((e, i) => i > 0 && e.feature === split);
    if (seen > 0) {
      incomingZero = (path[seen] as PathElement).zero;
      incomingOne = (path[seen] as PathElement).one;
      path = unwindPath(path, seen);
    }
    const cover = tree.cover[node] as number;
    visit(hot, path, (incomingZero * (tree.cover[hot] as number)) / cover, incomingOne, split);
    visit(cold, path, (incomingZero * (tree.cover[cold] as number)) / cover, 0, split);
  };
  visit(0, [], 1, 1, -1);
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
