import { seededRandom } from '../seeded-random';
import type { BgNbdParameters, RepeatHistory } from './bgnbd';

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Gamma(shape, 1) by Marsaglia & Tsang, with the usual boost for shape < 1. */
function gamma(shape: number, random: () => number): number {
  if (shape < 1) return gamma(shape + 1, random) * Math.pow(random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(random);
    const v = (1 + c * x) ** 3;
    if (v > 0 && Math.log(random()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/**
 * Customers drawn from the BG/NBD story, each first buying at time 0 and observed for T periods
 * (T spread uniformly over the last quarter of `maxT`, as cohorts acquired over a quarter are).
 * Test support: the model's generative process, used to check the fit recovers what it was given.
 */
export function simulateBgNbd({ r, alpha, a, b }: BgNbdParameters, customers: number, maxT: number, seed: number): RepeatHistory[] {
  const random = seededRandom(seed);
  return Array.from({ length: customers }, () => {
    const T = maxT * (0.75 + 0.25 * random());
    const rate = gamma(r, random) / alpha;
    const ga = gamma(a, random);
    const dropout = ga / (ga + gamma(b, random));
    let time = 0;
    let frequency = 0;
    let recency = 0;
    for (;;) {
      time += -Math.log(1 - random()) / rate;
      if (time > T) break;
      frequency += 1;
      recency = time;
      if (random() < dropout) break;
    }
    return { frequency, recency, T };
  });
}
