/* eslint-disable @typescript-eslint/no-non-null-assertion -- numeric kernels over typed arrays: every index is bounded by its loop, and a check per multiply-add would cost more than the arithmetic. */
import { weightsOf, type CompiledModel, type ConversionPath, type Measure, type PathWeights } from './conversion-path';
import { seededRandom } from '../seeded-random';

export interface CreditInterval {
  channel: string;
  credit: number;
  low: number;
  high: number;
}

/** Poisson draw: Knuth's method for small means, a rounded normal for large ones (where it is close enough). */
function poisson(mean: number, random: () => number): number {
  if (mean <= 0) return 0;
  if (mean > 60) {
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
  }
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = random(); p > limit; p *= random()) k++;
  return k;
}

/**
 * One bootstrap resample of the journeys. Paths are aggregated, so each journey is drawn a
 * Poisson(1) number of times (the Poisson bootstrap): a path's converting and non-converting
 * journeys become Poisson draws with those means, and what it credits follows its conversions.
 */
export function resampleWeights(w: PathWeights, random: () => number): PathWeights {
  const conversions = w.conversions.map((c) => poisson(c, random));
  return {
    conversions,
    nulls: w.nulls.map((n) => poisson(n, random)),
    credited: w.credited.map((v, p) => (w.conversions[p]! > 0 ? (v * conversions[p]!) / w.conversions[p]! : 0)),
  };
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * Models' credits with percentile bootstrap intervals (seeded, so reruns agree). Each model is
 * compiled on the paths once; every replicate resamples the journeys and reruns all models on the
 * same resample.
 */
export function withBootstrapIntervals(
  paths: readonly ConversionPath[],
  models: readonly ((paths: readonly ConversionPath[]) => CompiledModel)[],
  options: { replicates: number; seed: number; level?: number; measure?: Measure },
): CreditInterval[][] {
  const compiled = models.map((compile) => compile(paths));
  const base = weightsOf(paths, options.measure);
  const points = compiled.map((model) => model(base));
  const random = seededRandom(options.seed);
  const draws = points.map((point) => new Map<string, number[]>([...point.keys()].map((c) => [c, []])));
  for (let b = 0; b < options.replicates; b++) {
    const resample = resampleWeights(base, random);
    compiled.forEach((model, m) => {
      const credit = model(resample);
      for (const [channel, values] of draws[m]!) values.push(credit.get(channel) ?? 0);
    });
  }
  const tail = (1 - (options.level ?? 0.95)) / 2;
  return points.map((point, m) =>
    [...point.entries()]
      .map(([channel, credit]) => {
        const sorted = draws[m]!.get(channel)!.sort((a, b) => a - b);
        return { channel, credit, low: quantile(sorted, tail), high: quantile(sorted, 1 - tail) };
      })
      .sort((a, b) => a.channel.localeCompare(b.channel)),
  );
}

export function withBootstrapInterval(
  paths: readonly ConversionPath[],
  model: (paths: readonly ConversionPath[]) => CompiledModel,
  options: { replicates: number; seed: number; level?: number; measure?: Measure },
): CreditInterval[] {
  return withBootstrapIntervals(paths, [model], options)[0]!;
}
