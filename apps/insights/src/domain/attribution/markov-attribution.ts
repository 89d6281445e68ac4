import { channelsOf, weightsOf, type ConversionPath, type Credit, type Measure, type PathWeights } from './conversion-path';
import { buildChainShape, conversionProbability, edgeWeightsOf } from './markov-chain';

export interface MarkovResult {
  /** Conversions (or value) credited per channel, shared in proportion to the removal effects. */
  credit: Credit;
  /** 1 − P(conversion without the channel) / P(conversion), per channel. */
  removalEffect: Map<string, number>;
  conversionProbability: number;
}

/** Markov-chain removal-effect attribution of order 1 to 3, compiled for reruns on new path weights. */
export function compileMarkov(paths: readonly ConversionPath[], order = 1): (w: PathWeights) => MarkovResult {
  if (!Number.isInteger(order) || order < 1 || order > 3) throw new RangeError('Markov order must be 1, 2 or 3');
  const shape = buildChainShape(paths, order);
  const channels = channelsOf(paths);
  return (w) => {
    const ew = edgeWeightsOf(shape, w);
    const base = conversionProbability(shape, ew);
    const removalEffect = new Map<string, number>();
    for (const channel of channels) removalEffect.set(channel, base > 0 ? Math.max(0, 1 - conversionProbability(shape, ew, channel) / base) : 0);
    const sumEffects = [...removalEffect.values()].reduce((a, b) => a + b, 0);
    const total = w.credited.reduce((a, b) => a + b, 0);
    const credit: Credit = new Map();
    for (const [channel, effect] of removalEffect) credit.set(channel, sumEffects > 0 ? (total * effect) / sumEffects : 0);
    return { credit, removalEffect, conversionProbability: base };
  };
}

export function markovAttribution(paths: readonly ConversionPath[], order = 1, measure: Measure = 'conversions'): MarkovResult {
  return compileMarkov(paths, order)(weightsOf(paths, measure));
}
