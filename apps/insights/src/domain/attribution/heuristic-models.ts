import { addCredit, type ConversionPath, type Credit } from './conversion-path';

/** Share of one conversion each touch of a path gets; the rules of thumb differ only in this. */
type TouchWeights = (path: ConversionPath) => number[];

function creditBy(weights: TouchWeights, paths: readonly ConversionPath[], measure: 'conversions' | 'value'): Credit {
  const credit: Credit = new Map();
  for (const path of paths) {
    if (path.touches.length === 0 || path[measure] === 0) continue;
    const w = weights(path);
    path.touches.forEach((touch, i) => addCredit(credit, touch, path[measure] * (w[i] ?? 0)));
  }
  return credit;
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

export const firstTouch = (paths: readonly ConversionPath[], measure: 'conversions' | 'value' = 'conversions') => creditBy(firstTouchWeights, paths, measure);
export const lastTouch = (paths: readonly ConversionPath[], measure: 'conversions' | 'value' = 'conversions') => creditBy(lastTouchWeights, paths, measure);
export const linear = (paths: readonly ConversionPath[], measure: 'conversions' | 'value' = 'conversions') => creditBy(linearWeights, paths, measure);
export const positionBased = (paths: readonly ConversionPath[], measure: 'conversions' | 'value' = 'conversions') =>
  creditBy(positionBasedWeights, paths, measure);
export const timeDecay = (paths: readonly ConversionPath[], halfLifeDays: number, measure: 'conversions' | 'value' = 'conversions') =>
  creditBy(timeDecayWeights(halfLifeDays), paths, measure);
