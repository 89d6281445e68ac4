import { fitGbt, gbtMargin, type GbtModel, type GbtOptions } from './gradient-boosting';
import { LearningError } from './learning-error';
import { fitLogistic, logisticContributions, logisticMargin, sigmoid, type LogisticModel, type LogisticOptions } from './logistic-regression';
import { cellText, type TableRow } from './tabular-columns';
import { displayValue, encodeRow, encodeTrainingRows, fitTabularEncoding, type EncoderOptions, type TabularEncoding } from './tabular-encoder';
import { addTreeShap, expectedTreeValue, shapScratch, treeDepth } from './tree-shap';

/** A fitted propensity model: plain JSON (no class instances, no NaN), safe to store and load as a document. */
export interface PropensityModel {
  format: 'c360.propensity/1';
  target: string;
  positive: string;
  learner: LearnerKind;
  encoding: TabularEncoding;
  predictor: LogisticModel | GbtModel;
  /** Margin (log-odds) every explanation starts from: contributions add to it. */
  baseValue: number;
  trainingRows: number;
  trainingPositiveRate: number;
}

export type LearnerKind = 'logistic' | 'gbt';

export interface FitOptions {
  target: string;
  /** The target value that counts as the outcome (compared as trimmed text, so 1 matches "1"). */
  positive: string | number | boolean;
  idColumn?: string;
  learner: LearnerKind;
  seed?: number;
  logistic?: LogisticOptions;
  gbt?: GbtOptions;
  encoder?: Omit<EncoderOptions, 'target' | 'idColumn'>;
}

/** One source column's share of a prediction, on the log-odds scale (positive raises the probability). */
export interface Contribution {
  feature: string;
  value: string;
  contribution: number;
}

export interface PropensityScore {
  probability: number;
  margin: number;
  baseValue: number;
  /** Every used column, largest effect first; they sum with baseValue to margin. */
  contributions: Contribution[];
}

/** 1 for the positive value, 0 for any other present value, null when the target cell is empty. */
export function labelOf(row: TableRow, target: string, positive: FitOptions['positive']): 0 | 1 | null {
  const text = cellText(row[target]);
  if (text === null) return null;
  return text === String(positive).trim() ? 1 : 0;
}

/** Fits the encoding and the learner on these rows (every row must have a target value). */
export function fitPropensityModel(rows: readonly TableRow[], options: FitOptions): PropensityModel {
  const labels = rows.map((row) => labelOf(row, options.target, options.positive));
  if (labels.some((y) => y === null)) throw new LearningError('BAD_OPTION', `rows without a value in "${options.target}" cannot be trained on`);
  const y = labels as number[];
  const positives = y.reduce((sum, v) => sum + v, 0);
  if (positives === 0 || positives === y.length) throw new LearningError('ONE_CLASS', `"${options.target}" has only one class in the training rows`);
  const encoding = fitTabularEncoding(rows, { ...options.encoder, target: options.target, idColumn: options.idColumn }, y);
  if (encoding.features.length === 0) throw new LearningError('NO_FEATURES', 'no usable feature column (all were ids, constant, empty or identifier-like)');
  const x = encodeTrainingRows(encoding, rows, y, options.seed ?? 0);
  const predictor = options.learner === 'logistic' ? fitLogistic(x, y, options.logistic) : fitGbt(x, y, { seed: options.seed, ...options.gbt });
  const baseValue =
    predictor.kind === 'logistic' ? predictor.intercept : predictor.trees.reduce((sum, tree) => sum + expectedTreeValue(tree), predictor.baseMargin);
  return {
    format: 'c360.propensity/1',
    target: options.target,
    positive: String(options.positive).trim(),
    learner: options.learner,
    encoding,
    predictor,
    baseValue,
    trainingRows: rows.length,
    trainingPositiveRate: positives / rows.length,
  };
}

/** Margin of an encoded row, without explanation (the fast path for bulk scoring). */
function encodedMargin(model: PropensityModel, x: Float64Array): number {
  return model.predictor.kind === 'logistic' ? logisticMargin(model.predictor, x) : gbtMargin(model.predictor, x);
}

export function predictProbability(model: PropensityModel, row: TableRow): number {
  return sigmoid(encodedMargin(model, encodeRow(model.encoding, row)));
}

/** Contribution of each encoded feature to the margin. */
function featureContributions(model: PropensityModel, x: Float64Array): Float64Array {
  if (model.predictor.kind === 'logistic') return Float64Array.from(logisticContributions(model.predictor, x));
  const phi = new Float64Array(x.length);
  const scratch = shapScratch(model.predictor.trees.reduce((deepest, tree) => Math.max(deepest, treeDepth(tree)), 0));
  for (const tree of model.predictor.trees) addTreeShap(tree, x, phi, scratch);
  return phi;
}

/**
 * Probability with its explanation. Encoded features are summed back to their source column (a one-hot
 * level and its siblings, a value and its missing indicator), which keeps additivity and reads as
 * "Contract = Month-to-month", the value this row has.
 */
export function scorePropensity(model: PropensityModel, row: TableRow): PropensityScore {
  const x = encodeRow(model.encoding, row);
  const phi = featureContributions(model, x);
  const perColumn = new Float64Array(model.encoding.columns.length);
  model.encoding.features.forEach((feature, f) => (perColumn[feature.column] = (perColumn[feature.column] as number) + (phi[f] as number)));
  const contributions = model.encoding.columns
    .map((column, c) => ({ feature: column.name, value: displayValue(row, column.name), contribution: perColumn[c] as number }))
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.feature.localeCompare(b.feature));
  const margin = encodedMargin(model, x);
  return { probability: sigmoid(margin), margin, baseValue: model.baseValue, contributions };
}

/** "Contract = Month-to-month raised the churn risk": one contribution in words a marketer reads. */
export function describeContribution(contribution: Contribution, outcome: string): string {
  const direction = contribution.contribution > 0 ? 'raised' : contribution.contribution < 0 ? 'lowered' : 'did not change';
  return `${contribution.feature} = ${contribution.value} ${direction} the ${outcome}`;
}
