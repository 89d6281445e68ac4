/* eslint-disable @typescript-eslint/no-non-null-assertion -- numeric kernels over typed arrays: every index is bounded by its loop, and a check per multiply-add would cost more than the arithmetic. */
import { channelsOf, weightsOf, type CompiledModel, type ConversionPath, type Measure } from './conversion-path';

/** Share of one conversion each touch of a path gets; the rules of thumb differ only in this. */
type TouchWeights = (path: ConversionPath) => number[];

/**
 * A rule compiled: each touch's channel and share in flat arrays (path p's touches are
 * start[p] .. start[p + 1]), so crediting new weights is one pass of multiply-adds.
 */
function compileRule(weights: TouchWeights, paths: readonly ConversionPath[]): CompiledModel {
  const channels = channelsOf(paths);
  const index = new Map(channels.map((c, i) => [c, i]));
  const start = new Int32Array(paths.length + 1);
  paths.forEach((p, k) => (start[k + 1] = start[k]! + p.touches.length));
  const channelOf = new Int32Array(start[paths.length]!);
  const share = new Float64Array(start[paths.length]!);
  paths.forEach((p, k) => {
    const w = p.touches.length === 0 ? [] : weights(p);
    p.touches.forEach((t, i) => {
      channelOf[start[k]! + i] = index.get(t) ?? 0;
      share[start[k]! + i] = w[i] ?? 0;
    });
  });
  return ({ credited }) => {
    const sums = new Float64Array(channels.length);
    for (let p = 0; p < paths.length; p++) {
      const amount = credited[p]!;
      if (amount !== 0) for (let i = start[p]!; i < start[p + 1]!; i++) sums[channelOf[i]!]! += amount * share[i]!;
    }
    return new Map(channels.map((c, i) => [c, sums[i]!]));
  };
}

const firstTouchWeights: TouchWeights = (p) => p.touches.map((_, i) => (i === 0 ? 1 : 0));
const lastTouchWeights: TouchWeights = (p) => p.touches.map((_, i) => (i === p.touches.length - 1 ? 1 : 0));
const linearWeights: TouchWeights = (p) => p.touches.map(() => 1 / p.touches.length);

/** 40% to the first touch, 40% to the last, 20% shared by those between; two touches split evenly. */
const positionBasedWeights: TouchWeights = (p) => {
  const n = p.touches.length;
  if (n === 1) return [1];
  if (n === 2) return [0.5, 0.5];
  return p.touches.map((_, i) => (i === 0 || i === n - 1 ? 0.4 : 0.2 / (n - 2)));
};

/**
 * Each touch weighs 2^(−age / half-life). Without touch times (an aggregated file), a touch is taken
 * to be one day older than the next, so the rule still favours recent touches.
 */
function timeDecayWeights(halfLifeDays: number): TouchWeights {
  return (p) => {
    const n = p.touches.length;
    const raw = p.touches.map((_, i) => Math.pow(2, -(p.ageDays?.[i] ?? n - 1 - i) / halfLifeDays));
    const sum = raw.reduce((a, b) => a + b, 0);
    return raw.map((w) => w / sum);
  };
}

export const compileFirstTouch = (paths: readonly ConversionPath[]) => compileRule(firstTouchWeights, paths);
export const compileLastTouch = (paths: readonly ConversionPath[]) => compileRule(lastTouchWeights, paths);
export const compileLinear = (paths: readonly ConversionPath[]) => compileRule(linearWeights, paths);
export const compilePositionBased = (paths: readonly ConversionPath[]) => compileRule(positionBasedWeights, paths);
export const compileTimeDecay = (paths: readonly ConversionPath[], halfLifeDays: number) => compileRule(timeDecayWeights(halfLifeDays), paths);

export const firstTouch = (paths: readonly ConversionPath[], measure: Measure = 'conversions') => compileFirstTouch(paths)(weightsOf(paths, measure));
export const lastTouch = (paths: readonly ConversionPath[], measure: Measure = 'conversions') => compileLastTouch(paths)(weightsOf(paths, measure));
export const linear = (paths: readonly ConversionPath[], measure: Measure = 'conversions') => compileLinear(paths)(weightsOf(paths, measure));
export const positionBased = (paths: readonly ConversionPath[], measure: Measure = 'conversions') => compilePositionBased(paths)(weightsOf(paths, measure));
export const timeDecay = (paths: readonly ConversionPath[], halfLifeDays: number, measure: Measure = 'conversions') =>
  compileTimeDecay(paths, halfLifeDays)(weightsOf(paths, measure));
