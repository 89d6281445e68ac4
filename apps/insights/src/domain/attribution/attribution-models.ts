import type { ConversionPath, Credit } from './conversion-path';
import { firstTouch, lastTouch, linear, positionBased, timeDecay } from './heuristic-models';
import { markovAttribution } from './markov-attribution';
import { shapleyAttribution } from './shapley-attribution';

export const ATTRIBUTION_MODELS = ['FIRST_TOUCH', 'LAST_TOUCH', 'LINEAR', 'TIME_DECAY', 'POSITION_BASED', 'MARKOV', 'SHAPLEY'] as const;
export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number];

export interface ModelSettings {
  halfLifeDays: number;
  markovOrder: number;
}

export const DEFAULT_MODEL_SETTINGS: ModelSettings = { halfLifeDays: 7, markovOrder: 1 };

/** The credit one model gives each channel (conversions, or conversion value), by name. */
export function creditFor(model: AttributionModel, settings: ModelSettings, measure: 'conversions' | 'value' = 'conversions') {
  return (paths: readonly ConversionPath[]): Credit => {
    switch (model) {
      case 'FIRST_TOUCH':
        return firstTouch(paths, measure);
      case 'LAST_TOUCH':
        return lastTouch(paths, measure);
      case 'LINEAR':
        return linear(paths, measure);
      case 'TIME_DECAY':
        return timeDecay(paths, settings.halfLifeDays, measure);
      case 'POSITION_BASED':
        return positionBased(paths, measure);
      case 'MARKOV':
        return markovAttribution(paths, settings.markovOrder, measure).credit;
      case 'SHAPLEY':
        return measure === 'conversions' ? shapleyAttribution(paths).credit : shapleyValue(paths);
    }
  };
}

/** Shapley credit of conversion value: the conversion game played with value in place of counts. */
function shapleyValue(paths: readonly ConversionPath[]): Credit {
  return shapleyAttribution(paths.map((p) => ({ ...p, conversions: p.value }))).credit;
}
