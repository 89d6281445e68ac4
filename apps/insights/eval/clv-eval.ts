/**
 * npm run eval:clv -- --file <transactions> --customer <col> --date <col> --amount <col>
 *   --calibration-end <date> --observation-end <date> [--format csv|whitespace] [--date-format YYYYMMDD]
 * Fits BG/NBD and Gamma-Gamma through the service's entry point (fitAndPredictClv) on the
 * calibration period only, then compares each customer's predicted repeat purchases over the
 * holdout with the purchase days they actually made. Details go to stderr; the last line of stdout
 * is the result.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fitAndPredictClv, summariseTransactions } from '../src/domain/clv';
import { compareCounts } from './count-metrics';
import { parseDate, readTransactions, type DateFormat, type TransactionFileFormat } from './transaction-file.reader';

const USAGE =
  'usage: eval:clv -- --file <transactions> --customer <col> --date <col> --amount <col> --calibration-end <date> --observation-end <date> ' +
  '[--format csv|whitespace] [--date-format iso|YYYYMMDD|DD/MM/YYYY|MM/DD/YYYY] [--period-days 7]';
const DAY_MS = 86_400_000;

function main(): void {
  const { values: v } = parseArgs({
    options: {
      file: { type: 'string' },
      customer: { type: 'string' },
      date: { type: 'string' },
      amount: { type: 'string' },
      'calibration-end': { type: 'string' },
      'observation-end': { type: 'string' },
      format: { type: 'string', default: 'csv' },
      'date-format': { type: 'string', default: 'iso' },
      'period-days': { type: 'string', default: '7' },
    },
  });
  const format = v.format as TransactionFileFormat;
  const dateFormat = v['date-format'] as DateFormat;
  if (!v.file || !v.customer || !v.date || !v.amount || !['csv', 'whitespace'].includes(format)) throw new Error(USAGE);
  if (!['iso', 'YYYYMMDD', 'DD/MM/YYYY', 'MM/DD/YYYY'].includes(dateFormat)) throw new Error(USAGE);
  const calibrationEnd = parseBoundary(v['calibration-end'], dateFormat);
  const observationEnd = parseBoundary(v['observation-end'], dateFormat);
  const periodDays = Number(v['period-days']);
  const log = (line: string) => process.stderr.write(`${line}\n`);

  const started = performance.now();
  const { transactions, skipped } = readTransactions(
    readFileSync(v.file, 'utf8'),
    format,
    { customer: v.customer, date: v.date, amount: v.amount },
    dateFormat,
  );
  const horizonDays = Math.round((observationEnd.getTime() - calibrationEnd.getTime()) / DAY_MS);
  log(`${transactions.length} rows read (${skipped} skipped: no customer or unreadable date)`);
  log(`split: calibration up to ${day(calibrationEnd)} (fit), holdout ${day(calibrationEnd)} < day <= ${day(observationEnd)} (${horizonDays} days, predicted)`);

  const run = fitAndPredictClv(transactions, { asOf: calibrationEnd, periodDays, horizonDays });
  const holdout = summariseTransactions(transactions, { calibrationEnd, observationEnd, periodDays });
  const actualById = new Map(holdout.map((s) => [s.customerId, s.holdoutFrequency]));
  const { bgNbd, gammaGamma } = run.model;
  log(`period: ${periodDays} days; customers with a repeat purchase in calibration: ${run.model.repeatCustomers}`);
  log(`BG/NBD r=${f(bgNbd.r)} alpha=${f(bgNbd.alpha)} a=${f(bgNbd.a)} b=${f(bgNbd.b)} ll=${f(bgNbd.logLikelihood)} converged=${bgNbd.converged}`);
  if (gammaGamma) log(`Gamma-Gamma p=${f(gammaGamma.p)} q=${f(gammaGamma.q)} gamma=${f(gammaGamma.gamma)} on ${gammaGamma.customers} customers`);
  // Gamma-Gamma assumes spend independent of frequency; a strong correlation here says its values are biased.
  const repeaters = run.summaries.filter((s) => s.frequency > 0 && s.monetary > 0);
  if (repeaters.length > 1) {
    const independence = compareCounts(
      repeaters.map((s) => s.frequency),
      repeaters.map((s) => s.monetary),
    ).correlation;
    log(`correlation of repeat frequency and mean repeat spend: ${f(independence)} (Gamma-Gamma assumes about 0)`);
  }
  const meanAlive = run.predictions.reduce((sum, p) => sum + p.probabilityAlive, 0) / run.predictions.length;
  const values = run.predictions.map((p) => p.expectedAverageValue).filter((x): x is number => x !== null);
  log(`mean P(alive)=${f(meanAlive)}; mean expected transaction value=${values.length ? f(values.reduce((s, x) => s + x, 0) / values.length) : 'n/a'}`);

  const predicted = run.predictions.map((p) => p.expectedPurchases);
  const actual = run.predictions.map((p) => actualById.get(p.customerId) ?? 0);
  const m = compareCounts(actual, predicted);
  log(`seconds=${((performance.now() - started) / 1000).toFixed(2)}`);
  process.stdout.write(
    `customers=${run.predictions.length} holdout_actual=${m.actualTotal} holdout_predicted=${m.predictedTotal.toFixed(2)} mae=${f(m.mae)} rmse=${f(m.rmse)} corr=${f(m.correlation)}\n`,
  );
}

function parseBoundary(value: string | undefined, dateFormat: DateFormat): Date {
  const at = value ? (parseDate(value, dateFormat) ?? parseDate(value, 'iso')) : null;
  if (!at) throw new Error(`${USAGE}\nunreadable date: ${value ?? '(missing)'}`);
  return at;
}

const f = (n: number) => n.toFixed(4);
const day = (at: Date) => at.toISOString().slice(0, 10);

try {
  main();
} catch (err: unknown) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
