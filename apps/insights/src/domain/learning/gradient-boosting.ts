import { logLoss } from './classification-metrics';
import { binOf, fitCuts } from './histogram-binning';
import { sigmoid } from './logistic-regression';
import { growTree, predictTree, type BinnedData, type RegressionTree, type TreeGrowth } from './regression-tree';
import { seededRandom, shuffled } from '../seeded-random';
import { stratifiedSplit } from './stratified-split';

/**
 * Gradient-boosted trees for binary log-loss. Our own because the one WebAssembly XGBoost on npm is
 * unmaintained and gives no per-prediction contributions; trees here are plain JSON and TreeSHAP reads them.
 */

export interface GbtOptions {
  maxDepth?: number;
  learningRate?: number;
  maxRounds?: number;
  minLeafSize?: number;
  l2?: number;
  /** Share of training rows drawn (without replacement) for each tree. */
  subsample?: number;
  featureFraction?: number;
  /** At most 256, since bins are stored as bytes. */
  maxBins?: number;
  /** Share of the rows held back to pick the number of rounds; 0 turns early stopping off. */
  validationFraction?: number;
  /** Stop after this many rounds without a better validation log-loss. */
  earlyStoppingRounds?: number;
  seed?: number;
}

export interface GbtModel {
  kind: 'gbt';
  /** Log-odds of the training positive rate: the margin before any tree. */
  baseMargin: number;
  trees: RegressionTree[];
  /** Validation log-loss per round when early stopping ran (empty otherwise). */
  validationLoss: number[];
}

type ResolvedOptions = Required<GbtOptions>;

export const GBT_DEFAULTS: ResolvedOptions = {
  maxDepth: 3,
  learningRate: 0.05,
  maxRounds: 1000,
  minLeafSize: 20,
  l2: 1,
  subsample: 0.8,
  featureFraction: 1,
  maxBins: 64,
  validationFraction: 0.1,
  earlyStoppingRounds: 50,
  seed: 0,
};

function resolve(options: GbtOptions): ResolvedOptions {
  // An option given as undefined keeps its default rather than erasing it.
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as GbtOptions;
  const resolved = { ...GBT_DEFAULTS, ...given };
  if (!(resolved.maxBins >= 2 && resolved.maxBins <= 256)) throw new RangeError(`maxBins must be within 2..256, got ${resolved.maxBins}`);
  if (!(resolved.subsample > 0 && resolved.subsample <= 1)) throw new RangeError(`subsample must be in (0, 1], got ${resolved.subsample}`);
  if (!(resolved.minLeafSize >= 1)) throw new RangeError(`minLeafSize must be at least 1, got ${resolved.minLeafSize}`);
  if (!(resolved.learningRate > 0)) throw new RangeError(`learningRate must be positive, got ${resolved.learningRate}`);
  return resolved;
}

function binData(rows: readonly Float64Array[], fitRows: readonly number[], maxBins: number): BinnedData {
  const width = rows[0]?.length ?? 0;
  const cuts: number[][] = [];
  const bins: Uint8Array[] = [];
  for (let f = 0; f < width; f++) {
    const cut = fitCuts(
      Float64Array.from(fitRows, (i) => (rows[i] as Float64Array)[f] as number),
      maxBins,
    );
    cuts.push(cut);
    bins.push(Uint8Array.from(rows, (row) => binOf(cut, row[f] as number)));
  }
  return { cuts, bins };
}

/**
 * Rows to fit and rows to stop on: a stratified hold-back with at least five rows of the smaller class
 * (up to a quarter of the rows on small tables). Too small a table for that trains without early stopping,
 * and then at most SMALL_TABLE_ROUNDS rounds, since a thousand unchecked rounds would memorise it.
 */
function partition(labels: readonly number[], options: ResolvedOptions): { fit: number[]; validation: number[]; rounds: number } {
  const all = labels.map((_, i) => i);
  if (options.validationFraction <= 0) return { fit: all, validation: [], rounds: options.maxRounds };
  const positives = labels.reduce((sum, y) => sum + y, 0);
  const minority = Math.min(positives, labels.length - positives);
  const fraction = Math.max(options.validationFraction, 5 / Math.max(1, minority));
  if (fraction > 0.25) return { fit: all, validation: [], rounds: Math.min(options.maxRounds, SMALL_TABLE_ROUNDS) };
  const split = stratifiedSplit(labels, fraction, options.seed + 1);
  return { fit: split.train, validation: split.test, rounds: options.maxRounds };
}

const SMALL_TABLE_ROUNDS = 100;

export function fitGbt(rows: readonly Float64Array[], labels: readonly number[], options: GbtOptions = {}): GbtModel {
  const o = resolve(options);
  const { fit, validation, rounds } = partition(labels, o);
  const data = binData(rows, fit, o.maxBins);
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, fit.reduce((sum, i) => sum + (labels[i] as number), 0) / fit.length));
  const baseMargin = Math.log(rate / (1 - rate));
  const margins = new Float64Array(rows.length).fill(baseMargin);
  const grad = new Float64Array(rows.length);
  const hess = new Float64Array(rows.length);
  const growth: TreeGrowth = { maxDepth: o.maxDepth, minLeafSize: o.minLeafSize, l2: o.l2, learningRate: o.learningRate, featureFraction: o.featureFraction };
  const random = seededRandom(o.seed);
  const validationLabels = validation.map((i) => labels[i] as number);
  const trees: RegressionTree[] = [];
  const validationLoss: number[] = [];
  let bestRound = -1;
  for (let round = 0; round < rounds; round++) {
    for (const i of fit) {
      const p = sigmoid(margins[i] as number);
      grad[i] = p - (labels[i] as number);
      hess[i] = p * (1 - p);
    }
    const sample = o.subsample < 1 ? shuffled(fit, random).slice(0, Math.max(1, Math.round(fit.length * o.subsample))) : fit;
    const tree = growTree(data, Uint32Array.from(sample), grad, hess, growth, random);
    trees.push(tree);
    rows.forEach((row, i) => (margins[i] = (margins[i] as number) + predictTree(tree, row)));
    if (validation.length === 0) continue;
    validationLoss.push(
      logLoss(
        validationLabels,
        validation.map((i) => sigmoid(margins[i] as number)),
      ),
    );
    if (bestRound < 0 || (validationLoss[round] as number) < (validationLoss[bestRound] as number)) bestRound = round;
    else if (round - bestRound >= o.earlyStoppingRounds) break;
  }
  return { kind: 'gbt', baseMargin, trees: validation.length === 0 ? trees : trees.slice(0, bestRound + 1), validationLoss };
}

export function gbtMargin(model: GbtModel, row: ArrayLike<number>): number {
  return model.trees.reduce((sum, tree) => sum + predictTree(tree, row), model.baseMargin);
}
