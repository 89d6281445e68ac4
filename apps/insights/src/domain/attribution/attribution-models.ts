import type { CompiledModel, ConversionPath } from './conversion-path';
import { compileFirstTouch, compileLastTouch, compileLinear, compilePositionBased, compileTimeDecay } from './heuristic-models';
import { compileMarkov } from './markov-attribution';
import { compileShapley } from './shapley-attribution';

export const ATTRIBUTION_MODELS = ['FIRST_TOUCH', 'LAST_TOUCH', 'LINEAR', 'TIME_DECAY', 'POSITION_BASED', 'MARKOV', 'SHAPLEY'] as const;
export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number];

export interface ModelSettings {
  halfLifeDays: number;
  markovOrder: number;
}

export const DEFAULT_MODEL_SETTINGS: ModelSettings = { halfLifeDays: 7, markovOrder: 1 };

/** One model by name, compiled on a path set (see PathWeights): credit per channel for any weights. */
export function compilerFor(model: AttributionModel, settings: ModelSettings): (paths: readonly ConversionPath[]) => CompiledModel {
  switch (model) {
    case 'FIRST_TOUCH':
      return compileFirstTouch;
    case 'LAST_TOUCH':
      return compileLastTouch;
    case 'LINEAR':
      return compileLinear;
    case 'TIME_DECAY':
      return (paths) => compileTimeDecay(paths, settings.halfLifeDays);
    case 'POSITION_BASED':
      return compilePositionBased;
    case 'MARKOV':
      return (paths) => {
        const markov = compileMarkov(paths, settings.markovOrder);
        return (w) => markov(w).credit;
      };
    case 'SHAPLEY':
      return (paths) => {
        const shapley = compileShapley(paths);
        return (w) => shapley(w).credit;
      };
  }
}
