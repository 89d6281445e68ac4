import type { SparseVector } from './text-features';

/**
 * Multinomial logistic regression over sparse hashed features, trained by stochastic gradient
 * descent with L2 regularisation. Written here because the installed ML libraries are dense
 * (ml-matrix would hold 12 × 32,768 weights per example) or heavyweight (tfjs) for a model that
 * trains in well under a second on a few hundred sentences; this is about sixty lines and fully
 * deterministic (seeded shuffling), so the service and the eval get the same model.
 */
export interface SoftmaxOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

export const DEFAULT_SOFTMAX_OPTIONS: SoftmaxOptions = { epochs: 40, learningRate: 0.5, l2: 1e-5, seed: 7 };

export interface SoftmaxModel {
  readonly classes: readonly string[];
  probabilities(x: SparseVector): number[];
}

function seededShuffle<T>(items: T[], seed: number): T[] {
  let s = seed >>> 0 || 1;
  for (let i = items.length - 1; i > 0; i--) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    const j = (s >>> 0) % (i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function softmax(scores: number[]): number[] {
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

export function trainSoftmax(examples: readonly { x: SparseVector; label: string }[], options: SoftmaxOptions = DEFAULT_SOFTMAX_OPTIONS): SoftmaxModel {
  const classes = [...new Set(examples.map((e) => e.label))].sort();
  const index = new Map(classes.map((c, i) => [c, i]));
  const weights = classes.map(() => new Map<number, number>());
  const bias = classes.map(() => 0);
  const score = (x: SparseVector) =>
    weights.map((w, k) => {
      let s = bias[k]!;
      for (const [f, v] of x) s += (w.get(f) ?? 0) * v;
      return s;
    });
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const rate = options.learningRate / (1 + epoch * 0.1);
    for (const i of seededShuffle(order, options.seed + epoch)) {
      const { x, label } = examples[i]!;
      const p = softmax(score(x));
      const target = index.get(label)!;
      p.forEach((pk, k) => {
        const gradient = pk - (k === target ? 1 : 0);
        const w = weights[k]!;
        // Lazy L2: shrink only the weights this example touches, which keeps updates sparse.
        for (const [f, v] of x) w.set(f, (w.get(f) ?? 0) * (1 - rate * options.l2) - rate * gradient * v);
        bias[k] = bias[k]! - rate * gradient;
      });
    }
  }
  return { classes, probabilities: (x) => softmax(score(x)) };
}
