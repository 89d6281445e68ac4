import { channelsOf, totalConversions, type ConversionPath, type Credit } from './conversion-path';
import { buildChain, conversionProbability } from './markov-chain';

export interface MarkovResult {
  /** Conversions credited per channel, shared in proportion to the removal effects. */
  credit: Credit;
  /** 1 − P(conversion without the channel) / P(conversion), per channel. */
  removalEffect: Map<string, number>;
  conversionProbability: number;
}

/** Markov-chain removal-effect attribution of order 1 to 3 (see markov-chain.ts for the chain). */
export function markovAttribution(paths: readonly ConversionPath[], order = 1, measure: 'conversions' | 'value' = 'conversions'): MarkovResult {
  if (!Number.isInteger(order) || order < 1 || order > 3) throw new RangeError('Markov order must be 1, 2 or 3');
  const chain = buildChain(paths, order);
  const base = conversionProbability(chain);
  const removalEffect = new Map<string, number>();
  for (const channel of channelsOf(paths)) {
    removalEffect.set(channel, base > 0 ? Math.max(0, 1 - conversionProbability(chain, channel) / base) : 0);
  }
  const sumEffects = [...removalEffect.values()].reduce((a, b) => a + b, 0);
  const total = measure === 'conversions' ? totalConversions(paths) : paths.reduce((s, p) => s + p.value, 0);
  const credit: Credit = new Map();
  for (const [channel, effect] of removalEffect) credit.set(channel, sumEffects > 0 ? (total * effect) / sumEffects : 0);
  return { credit, removalEffect, conversionProbability: base };
}
