/**
 * npm run eval:propensity -- --file <csv> --target <column> --positive <value> [--id <column>] [--model logistic|gbt|auto]
 *   [--seed 42] [--split-out <json>]
 * Trains through trainPropensityModel, the code the insights service trains with: a stratified 80/20 split
 * (seed 42), 5-fold stratified cross-validation on the 80% (which also picks the learner for auto), and
 * metrics on the 20% the model never saw. --split-out writes the hold-out row positions and their predicted
 * probabilities, so a cross-check can train other models on the same split and recompute our metrics.
 * train_seconds is the wall time of that one call: cross-validation, the learner choice, the final fit and
 * the hold-out explanations behind the importance. Progress and details go to stderr; the last line of
 * stdout is the result.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { predictProbability } from '../src/domain/learning/propensity-model';
import { trainPropensityModel } from '../src/domain/learning/train-propensity';

const USAGE =
  'usage: eval:propensity -- --file <csv> --target <column> --positive <value> [--id <column>] [--model logistic|gbt|auto] [--seed n] [--split-out <json>]';

function readTable(file: string): Record<string, string>[] {
  return parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
}

function main(): void {
  const { values } = parseArgs({
    options: {
      file: { type: 'string' },
      target: { type: 'string' },
      positive: { type: 'string' },
      id: { type: 'string' },
      model: { type: 'string', default: 'auto' },
      seed: { type: 'string', default: '42' },
      'split-out': { type: 'string' },
    },
  });
  const model = values.model;
  if (!values.file || !values.target || values.positive === undefined || (model !== 'logistic' && model !== 'gbt' && model !== 'auto')) throw new Error(USAGE);
  const rows = readTable(values.file);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  log(`${rows.length} rows from ${values.file}; stratified 80/20 split, seed ${values.seed}; 5-fold stratified CV on the 80%`);
  const started = performance.now();
  const result = trainPropensityModel(rows, {
    target: values.target,
    positive: values.positive,
    idColumn: values.id,
    model,
    seed: Number(values.seed),
    cvFolds: 5,
  });
  const seconds = (performance.now() - started) / 1000;
  const { classBalance: b, metrics: m, model: fitted } = result;
  log(
    `class balance: ${b.positives} positive / ${b.negatives} negative (rate ${b.positiveRate.toFixed(4)}, imbalance ${b.imbalanceRatio.toFixed(2)}:1, ${b.rowsWithoutTarget} without target)`,
  );
  log(`columns used: ${fitted.encoding.columns.map((c) => `${c.name}:${c.kind}`).join(', ')}`);
  log(`columns excluded: ${fitted.encoding.excluded.map((c) => `${c.name} (${c.reason})`).join(', ') || 'none'}`);
  log(`encoded features: ${fitted.encoding.features.length}; train ${result.split.trainRows} rows, hold-out ${result.split.holdoutRows} rows`);
  for (const cv of result.crossValidation?.byLearner ?? []) {
    log(`cv5 ${cv.learner}: auc ${cv.meanRocAuc.toFixed(4)} ± ${cv.sdRocAuc.toFixed(4)} (folds ${cv.foldRocAuc.map((a) => a.toFixed(4)).join(' ')})`);
  }
  if (fitted.predictor.kind === 'gbt') {
    const stopped =
      fitted.predictor.validationLoss.length > 0 ? `rounds chosen by log-loss on a stratified hold-back of the training part` : 'no early stopping';
    log(`trees: ${fitted.predictor.trees.length} (${stopped})`);
  }
  log(`learner: ${result.learner}${model === 'auto' ? ' (chosen by cross-validated ROC-AUC on the training part)' : ''}`);
  log(`hold-out: log-loss ${m.logLoss.toFixed(4)}, lift in top decile ${m.liftTopDecile.toFixed(3)}`);
  log(`calibration by decile (mean predicted / observed): ${m.calibration.map((c) => `${c.meanPredicted.toFixed(3)}/${c.observedRate.toFixed(3)}`).join(' ')}`);
  log(
    `importance (mean |contribution|, log-odds): ${result.importance
      .slice(0, 8)
      .map((i) => `${i.feature} ${i.meanAbsContribution.toFixed(3)}`)
      .join(', ')}`,
  );
  if (values['split-out']) {
    const holdout = result.split.holdoutIndices;
    const probabilities = holdout.map((i) => predictProbability(fitted, rows[i] as Record<string, string>));
    writeFileSync(values['split-out'], JSON.stringify({ seed: result.split.seed, holdout, probabilities }));
  }
  const cv = result.crossValidation?.byLearner.find((r) => r.learner === result.learner);
  const f = (n: number | undefined) => (n === undefined ? 'nan' : n.toFixed(4));
  process.stdout.write(
    `model=${result.learner} holdout_auc=${f(m.rocAuc)} pr_auc=${f(m.prAuc)} brier=${f(m.brier)} cv5_auc=${f(cv?.meanRocAuc)} train_seconds=${seconds.toFixed(2)}\n`,
  );
}

try {
  main();
} catch (err: unknown) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
