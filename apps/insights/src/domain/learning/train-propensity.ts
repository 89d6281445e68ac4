import { classificationMetrics, rocAuc, type ClassificationMetrics } from './classification-metrics';
import { LearningError } from './learning-error';
import { fitPropensityModel, labelOf, predictProbability, scorePropensity, type FitOptions, type LearnerKind, type PropensityModel } from './propensity-model';
import { stratifiedKFold, stratifiedSplit } from './stratified-split';
import { columnNames, type TableRow } from './tabular-columns';

/**
 * The one entry point for training a churn or conversion propensity model on any customer table:
 * stratified hold-out, learner chosen by cross-validation on the training part only, metrics on the
 * hold-out, importance from hold-out explanations.
 */

export interface TrainOptions extends Omit<FitOptions, 'learner'> {
  /** 'auto' picks the learner with the better mean cross-validated ROC-AUC on the training part. */
  model?: LearnerKind | 'auto';
  /** Default 42. */
  seed?: number;
  /** Default 0.2. */
  holdoutFraction?: number;
  /** Folds of cross-validation on the training part (default 5; 0 skips it unless model is 'auto'). */
  cvFolds?: number;
}

export interface ClassBalance {
  rows: number;
  positives: number;
  negatives: number;
  positiveRate: number;
  /** Majority count over minority count: 1 is balanced. */
  imbalanceRatio: number;
  /** Rows left out because their target cell was empty. */
  rowsWithoutTarget: number;
}

export interface CrossValidation {
  folds: number;
  /** Mean and per-fold ROC-AUC of each learner that was cross-validated. */
  byLearner: Array<{ learner: LearnerKind; meanRocAuc: number; sdRocAuc: number; foldRocAuc: number[] }>;
}

export interface FeatureImportance {
  feature: string;
  /** Mean absolute contribution to the log-odds over the hold-out rows. */
  meanAbsContribution: number;
  share: number;
}

export interface TrainResult {
  /** Fitted on the training part, so the hold-out metrics describe exactly this model. */
  model: PropensityModel;
  learner: LearnerKind;
  metrics: ClassificationMetrics;
  crossValidation: CrossValidation | null;
  importance: FeatureImportance[];
  classBalance: ClassBalance;
  /** Positions in the input rows of the hold-out part (rows without a target are in neither part). */
  split: { seed: number; holdoutFraction: number; trainRows: number; holdoutRows: number; holdoutIndices: number[] };
}

function checkOptions(rows: readonly TableRow[], options: TrainOptions): void {
  if (rows.length === 0) throw new LearningError('NO_ROWS', 'the table has no rows');
  const names = columnNames(rows);
  if (!names.includes(options.target)) throw new LearningError('UNKNOWN_COLUMN', `no column "${options.target}"`);
  if (options.idColumn !== undefined && !names.includes(options.idColumn)) throw new LearningError('UNKNOWN_COLUMN', `no column "${options.idColumn}"`);
  const fraction = options.holdoutFraction ?? 0.2;
  if (!(fraction > 0 && fraction < 1)) throw new LearningError('BAD_OPTION', `holdoutFraction must be in (0, 1), got ${fraction}`);
  const folds = options.cvFolds ?? 5;
  if (!Number.isInteger(folds) || folds === 1 || folds < 0)
    throw new LearningError('BAD_OPTION', `cvFolds must be 0 or an integer of at least 2, got ${folds}`);
}

export function classBalanceOf(labels: ReadonlyArray<number | null>): ClassBalance {
  const present = labels.filter((y): y is number => y !== null);
  const positives = present.reduce((sum, y) => sum + y, 0);
  const negatives = present.length - positives;
  return {
    rows: present.length,
    positives,
    negatives,
    positiveRate: present.length === 0 ? 0 : positives / present.length,
    imbalanceRatio: Math.min(positives, negatives) === 0 ? Number.POSITIVE_INFINITY : Math.max(positives, negatives) / Math.min(positives, negatives),
    rowsWithoutTarget: labels.length - present.length,
  };
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** k-fold stratified cross-validation of one learner: every fold fits its own encoding, so nothing leaks. */
export function crossValidateLearner(rows: readonly TableRow[], options: FitOptions, folds: number, seed: number): CrossValidation['byLearner'][number] {
  const labels = rows.map((row) => labelOf(row, options.target, options.positive) as number);
  const foldRocAuc = stratifiedKFold(labels, folds, seed).map(({ train, test }) => {
    const model = fitPropensityModel(
      train.map((i) => rows[i] as TableRow),
      options,
    );
    return rocAuc(
      test.map((i) => labels[i] as number),
      test.map((i) => predictProbability(model, rows[i] as TableRow)),
    );
  });
  const meanRocAuc = mean(foldRocAuc);
  const sdRocAuc = Math.sqrt(mean(foldRocAuc.map((a) => (a - meanRocAuc) ** 2)));
  return { learner: options.learner, meanRocAuc, sdRocAuc, foldRocAuc };
}

/** Mean |contribution| per source column over the given rows, largest first, with its share of the total. */
export function globalImportance(model: PropensityModel, rows: readonly TableRow[]): FeatureImportance[] {
  const totals = new Map<string, number>();
  for (const row of rows) {
    for (const c of scorePropensity(model, row).contributions) totals.set(c.feature, (totals.get(c.feature) ?? 0) + Math.abs(c.contribution));
  }
  const grand = [...totals.values()].reduce((sum, v) => sum + v, 0);
  return [...totals.entries()]
    .map(([feature, total]) => ({ feature, meanAbsContribution: total / rows.length, share: grand > 0 ? total / grand : 0 }))
    .sort((a, b) => b.meanAbsContribution - a.meanAbsContribution || a.feature.localeCompare(b.feature));
}

export function trainPropensityModel(rows: readonly TableRow[], options: TrainOptions): TrainResult {
  checkOptions(rows, options);
  const seed = options.seed ?? 42;
  const holdoutFraction = options.holdoutFraction ?? 0.2;
  const allLabels = rows.map((row) => labelOf(row, options.target, options.positive));
  const classBalance = classBalanceOf(allLabels);
  const labelled = allLabels.flatMap((y, i) => (y === null ? [] : [i]));
  const labels = labelled.map((i) => allLabels[i] as number);
  const folds = options.cvFolds ?? 5;
  const minority = Math.min(classBalance.positives, classBalance.negatives);
  if (minority === 0) throw new LearningError('ONE_CLASS', `"${options.target}" has only one class (positive value "${String(options.positive)}")`);
  if (minority < Math.max(2, folds) / (1 - holdoutFraction) + 1) {
    throw new LearningError('TOO_FEW_ROWS', `only ${minority} rows in the smaller class: too few for a hold-out and ${folds}-fold cross-validation`);
  }
  const split = stratifiedSplit(labels, holdoutFraction, seed);
  const trainRows = split.train.map((i) => rows[labelled[i] as number] as TableRow);
  const holdoutRows = split.test.map((i) => rows[labelled[i] as number] as TableRow);
  const choice = options.model ?? 'auto';
  const candidates: LearnerKind[] = choice === 'auto' ? ['logistic', 'gbt'] : [choice];
  const cvFolds = choice === 'auto' && folds === 0 ? 5 : folds;
  const byLearner = cvFolds > 0 ? candidates.map((learner) => crossValidateLearner(trainRows, { ...options, seed, learner }, cvFolds, seed)) : [];
  // Ties go to the first candidate, the simpler linear model.
  const learner =
    byLearner.reduce<(typeof byLearner)[number] | null>((best, r) => (best === null || r.meanRocAuc > best.meanRocAuc ? r : best), null)?.learner ??
    (candidates[0] as LearnerKind);
  const model = fitPropensityModel(trainRows, { ...options, seed, learner });
  const holdoutLabels = split.test.map((i) => labels[i] as number);
  const metrics = classificationMetrics(
    holdoutLabels,
    holdoutRows.map((row) => predictProbability(model, row)),
  );
  return {
    model,
    learner,
    metrics,
    crossValidation: cvFolds > 0 ? { folds: cvFolds, byLearner } : null,
    importance: globalImportance(model, holdoutRows),
    classBalance,
    split: {
      seed,
      holdoutFraction,
      trainRows: trainRows.length,
      holdoutRows: holdoutRows.length,
      holdoutIndices: split.test.map((i) => labelled[i] as number),
    },
  };
}
