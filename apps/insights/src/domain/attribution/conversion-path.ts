/**
 * One aggregated journey shape, in ChannelAttribution's layout: the touches (a channel or a campaign
 * per touch, oldest first), how many journeys of that shape converted (and their value) and how many
 * did not. `ageDays`, when known, is how long before the conversion (or the end of a non-converting
 * journey) each touch happened; only time decay reads it.
 */
export interface ConversionPath {
  touches: readonly string[];
  ageDays?: readonly number[];
  conversions: number;
  value: number;
  nulls: number;
}

/** Conversions (and conversion value) credited to each channel or campaign. */
export type Credit = Map<string, number>;

/** What is credited: conversion counts or conversion value. */
export type Measure = 'conversions' | 'value';

/**
 * The weights of each path, apart from its shape: journeys that converted, journeys that did not,
 * and the amount to credit (conversions or value). A bootstrap resample changes only these, so
 * every model compiles a path set's shapes once and reruns on new weights.
 */
export interface PathWeights {
  conversions: Float64Array;
  nulls: Float64Array;
  credited: Float64Array;
}

export type CompiledModel = (weights: PathWeights) => Credit;

export function weightsOf(paths: readonly ConversionPath[], measure: Measure = 'conversions'): PathWeights {
  return {
    conversions: Float64Array.from(paths, (p) => p.conversions),
    nulls: Float64Array.from(paths, (p) => p.nulls),
    credited: Float64Array.from(paths, (p) => (measure === 'value' ? p.value : p.conversions)),
  };
}

export function totalConversions(paths: readonly ConversionPath[]): number {
  return paths.reduce((sum, p) => sum + p.conversions, 0);
}

/** Every channel met on any path, sorted, so outputs list channels in a stable order. */
export function channelsOf(paths: readonly ConversionPath[]): string[] {
  const all = new Set<string>();
  for (const p of paths) for (const t of p.touches) all.add(t);
  return [...all].sort();
}
