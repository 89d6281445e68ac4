import type { ConversionPath, Credit } from './conversion-path';
import { seededRandom } from './seeded-random';

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
 * journeys become Poisson draws with those means, and its value follows its conversions.
 */
export function resamplePaths(paths: readonly ConversionPath[], random: () => number): ConversionPath[] {
  return paths.map((p) => {
    const conversions = poisson(p.conversions, random);
    return { ...p, conversions, nulls: poisson(p.nulls, random), value: p.conversions > 0 ? (p.value * conversions) / p.conversions : 0 };
  });
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** A model's credit on the paths with a percentile bootstrap interval (seeded, so reruns agree). */
export function withBootstrapInterval(
  paths: readonly ConversionPath[],
  model: (paths: readonly ConversionPath[]) => Credit,
  options: { replicates: number; seed: number; level?: number },
): CreditInterval[] {
  const point = model(paths);
  const random = seededRandom(options.seed);
  const draws = new Map<string, number[]>([...point.keys()].map((c) => [c, []]));
  for (let b = 0; b < options.replicates; b++) {
    const credit = model(resamplePaths(paths, random));
    for (const [channel, values] of draws) values.push(credit.get(channel) ?? 0);
  }
  const tail = (1 - (options.level ?? 0.95)) / 2;
  return [...point.entries()]
    .map(([channel, credit]) => {
      const sorted = draws.get(channel)!.sort((a, b) => a - b);
      return { channel, credit, low: quantile(sorted, tail), high: quantile(sorted, 1 - tail) };
    })
    .sort((a, b) => a.channel.localeCompare(b.channel));
}
