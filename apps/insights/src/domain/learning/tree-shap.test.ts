import type { RegressionTree } from './regression-tree';
import { predictTree } from './regression-tree';
import { seededRandom, type Random } from '../seeded-random';
import { addTreeShap, expectedTreeValue } from './tree-shap';

/** A random full tree of the given depth over `features` features; covers split their parent's at random. */
function randomTree(random: Random, depth: number, features: number): RegressionTree {
  const tree: RegressionTree = { feature: [], threshold: [], left: [], right: [], value: [], cover: [] };
  const grow = (d: number, cover: number): number => {
    const node = tree.feature.length;
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(random() * 2 - 1);
    tree.cover.push(cover);
    if (d < depth && cover >= 2) {
      const leftCover = 1 + Math.floor(random() * (cover - 1));
      tree.feature[node] = Math.floor(random() * features);
      tree.threshold[node] = random();
      tree.left[node] = grow(d + 1, leftCover);
      tree.right[node] = grow(d + 1, cover - leftCover);
    }
    return node;
  };
  grow(0, 1000);
  return tree;
}

/** The tree's output when only the features in `known` are set: unknown splits average by cover (Algorithm 1). */
function conditionalExpectation(tree: RegressionTree, row: number[], known: Set<number>, node = 0): number {
  const f = tree.feature[node]!;
  if (f < 0) return tree.value[node]!;
  const left = tree.left[node]!;
  const right = tree.right[node]!;
  if (known.has(f)) return conditionalExpectation(tree, row, known, row[f]! <= tree.threshold[node]! ? left : right);
  return (
    (tree.cover[left]! * conditionalExpectation(tree, row, known, left) + tree.cover[right]! * conditionalExpectation(tree, row, known, right)) /
    tree.cover[node]!
  );
}

function factorial(n: number): number {
  return n <= 1 ? 1 : n * factorial(n - 1);
}

/** Shapley values by their definition: every subset of the other features, weighted |S|!(M−|S|−1)!/M!. */
function bruteForceShapley(tree: RegressionTree, row: number[], features: number): number[] {
  return Array.from({ length: features }, (_, i) => {
    const others = Array.from({ length: features }, (_, f) => f).filter((f) => f !== i);
    let phi = 0;
    for (let mask = 0; mask < 1 << others.length; mask++) {
      const subset = new Set(others.filter((_, k) => mask & (1 << k)));
      const weight = (factorial(subset.size) * factorial(features - subset.size - 1)) / factorial(features);
      phi += weight * (conditionalExpectation(tree, row, new Set([...subset, i])) - conditionalExpectation(tree, row, subset));
    }
    return phi;
  });
}

describe('addTreeShap', () => {
  it('equals the exponential Shapley definition on random trees, repeated features included', () => {
    const random = seededRandom(11);
    for (let trial = 0; trial < 40; trial++) {
      const features = 2 + (trial % 4);
      const tree = randomTree(random, 2 + (trial % 4), features);
      const row = Array.from({ length: features }, () => random());
      const phi = new Float64Array(features);
      addTreeShap(tree, row, phi);
      const expected = bruteForceShapley(tree, row, features);
      expected.forEach((value, f) => expect(phi[f]).toBeCloseTo(value, 10));
    }
  });

  it('sums with the expected value to the prediction', () => {
    const random = seededRandom(5);
    for (let trial = 0; trial < 20; trial++) {
      const tree = randomTree(random, 6, 8);
      const row = Array.from({ length: 8 }, () => random());
      const phi = new Float64Array(8);
      addTreeShap(tree, row, phi);
      expect(phi.reduce((a, b) => a + b, expectedTreeValue(tree))).toBeCloseTo(predictTree(tree, row), 10);
    }
  });

  it('gives a single stump its whole difference from the mean', () => {
    // Root on feature 1, left leaf 2 (cover 30), right leaf −1 (cover 10): mean 1.25; a row going left gets +0.75.
    const stump: RegressionTree = {
      feature: [1, -1, -1],
      threshold: [0.5, 0, 0],
      left: [1, -1, -1],
      right: [2, -1, -1],
      value: [0, 2, -1],
      cover: [40, 30, 10],
    };
    const phi = new Float64Array(3);
    addTreeShap(stump, [9, 0.2, 9], phi);
    expect(Array.from(phi)).toEqual([0, 0.75, 0]);
    expect(expectedTreeValue(stump)).toBe(1.25);
  });
});
