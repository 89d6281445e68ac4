/* eslint-disable @typescript-eslint/no-non-null-assertion -- numeric kernels over typed arrays: every index is bounded by its loop, and a check per multiply-add would cost more than the arithmetic. */
import { channelsOf, weightsOf, type ConversionPath, type Credit, type PathWeights } from './conversion-path';
import { seededRandom } from '../seeded-random';

export interface ShapleyResult {
  credit: Credit;
  method: 'exact' | 'sampled';
  /** Standard error of each channel's credit (0 when exact). */
  standardError: Map<string, number>;
}

/** Up to this many channels every coalition is enumerated (2^n · n steps); beyond, channel orders are sampled. */
export const EXACT_SHAPLEY_MAX_CHANNELS = 16;

export interface ShapleyOptions {
  /** Channel orders drawn when sampling. */
  samples?: number;
  seed?: number;
}

/**
 * Shapley value of the channels in the coalition game v(S) = conversions of the journeys whose
 * channels all lie in S (a journey needs each of its channels to happen). Exact by enumerating the
 * coalitions for few channels; for many, by sampling channel orders, where each journey's
 * conversions go to its channel that comes last in the order (the marginal contribution that order
 * gives it), with the standard error of that mean reported. Compiled once per path set, so a
 * bootstrap reruns it on new weights.
 */
export function compileShapley(paths: readonly ConversionPath[], options: ShapleyOptions = {}): (w: PathWeights) => ShapleyResult {
  const channels = channelsOf(paths);
  const index = new Map(channels.map((c, i) => [c, i]));
  const members = paths.map((p) => [...new Set(p.touches.map((t) => index.get(t) ?? 0))]);
  if (channels.length <= EXACT_SHAPLEY_MAX_CHANNELS) {
    const masks = members.map((m) => m.reduce((mask, i) => mask | (1 << i), 0));
    return (w) => exactShapley(channels, masks, w.credited);
  }
  return (w) => sampledShapley(channels, members, w.credited, options.samples ?? 2000, options.seed ?? 1);
}

export function shapleyAttribution(paths: readonly ConversionPath[], options: ShapleyOptions = {}): ShapleyResult {
  return compileShapley(paths, options)(weightsOf(paths));
}

function exactShapley(channels: string[], masks: number[], credited: Float64Array): ShapleyResult {
  const n = channels.length;
  const size = 1 << n;
  // v(S) = Σ over journeys whose members ⊆ S: a sum over subsets (zeta transform) of the worth per member set.
  const v = new Float64Array(size);
  masks.forEach((mask, p) => {
    if (mask !== 0) v[mask]! += credited[p] ?? 0;
  });
  for (let i = 0; i < n; i++) for (let s = 0; s < size; s++) if (s & (1 << i)) v[s]! += v[s ^ (1 << i)]!;
  const factorial = [1];
  for (let k = 1; k <= n; k++) factorial.push(factorial[k - 1]! * k);
  const weight = (s: number) => (factorial[s]! * factorial[n - s - 1]!) / factorial[n]!;
  const popcount = (x: number) => {
    let c = 0;
    for (; x; x &= x - 1) c++;
    return c;
  };
  const phi = new Float64Array(n);
  for (let s = 0; s < size; s++) {
    const w = weight(popcount(s));
    for (let i = 0; i < n; i++) if (!(s & (1 << i))) phi[i]! += w * (v[s | (1 << i)]! - v[s]!);
  }
  return { credit: new Map(channels.map((c, i) => [c, phi[i]!])), method: 'exact', standardError: new Map(channels.map((c) => [c, 0])) };
}

function sampledShapley(channels: string[], members: number[][], credited: Float64Array, samples: number, seed: number): ShapleyResult {
  const n = channels.length;
  const random = seededRandom(seed);
  const sum = new Float64Array(n);
  const sumSquares = new Float64Array(n);
  const rank = new Int32Array(n);
  const order = channels.map((_, i) => i);
  const gained = new Float64Array(n);
  for (let k = 0; k < samples; k++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    order.forEach((c, r) => (rank[c] = r));
    gained.fill(0);
    members.forEach((m, p) => {
      const worth = credited[p] ?? 0;
      if (worth === 0 || m.length === 0) return;
      let last = m[0]!;
      for (const c of m) if (rank[c]! > rank[last]!) last = c;
      gained[last]! += worth;
    });
    for (let i = 0; i < n; i++) {
      sum[i]! += gained[i]!;
      sumSquares[i]! += gained[i]! * gained[i]!;
    }
  }
  const mean = (i: number) => sum[i]! / samples;
  const se = (i: number) => Math.sqrt(Math.max(0, sumSquares[i]! / samples - mean(i) ** 2) / Math.max(1, samples - 1));
  return {
    credit: new Map(channels.map((c, i) => [c, mean(i)])),
    method: 'sampled',
    standardError: new Map(channels.map((c, i) => [c, se(i)])),
  };
}
