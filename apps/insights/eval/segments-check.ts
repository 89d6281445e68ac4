/**
 * npx tsx apps/insights/eval/segments-check.ts --file <transactions> --customer <col> --date <col> --amount <col>
 *   --as-of <date> [--format csv|whitespace] [--date-format YYYYMMDD] [--out <csv>]
 * Segments the customers of a transaction log on their RFM summary (repeat purchases and mean repeat
 * spend on a log scale, weeks from first to last purchase, weeks as a customer) through
 * clusterCustomers, prints k, the silhouettes and the segments, and with --out writes the
 * standardised features and each customer's segment for segments_sklearn_check.py to compare with
 * scikit-learn's KMeans and silhouette_score.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { summariseTransactions } from '../src/domain/clv';
import { buildFeatureMatrix, clusterCustomers, type FeatureMetadata } from '../src/domain/segments';
import { parseDate, readTransactions, type DateFormat, type TransactionFileFormat } from './transaction-file.reader';

const RFM_META: FeatureMetadata = {
  frequency: { label: 'repeat purchases', high: 'frequent buyers', low: 'one-off buyers', scale: 'log' },
  recency: { label: 'weeks from first to last purchase', high: 'long-standing buyers', low: 'short-lived buyers' },
  T: { label: 'weeks since first purchase', high: 'early customers', low: 'recent customers' },
  monetary: { label: 'mean repeat spend', high: 'big spenders', low: 'little repeat spend', scale: 'log' },
};

function main(): void {
  const { values: v } = parseArgs({
    options: {
      file: { type: 'string' },
      customer: { type: 'string' },
      date: { type: 'string' },
      amount: { type: 'string' },
      'as-of': { type: 'string' },
      format: { type: 'string', default: 'csv' },
      'date-format': { type: 'string', default: 'iso' },
      out: { type: 'string' },
    },
  });
  const dateFormat = v['date-format'] as DateFormat;
  const asOf = v['as-of'] ? parseDate(v['as-of'], dateFormat) : null;
  if (!v.file || !v.customer || !v.date || !v.amount || !asOf) throw new Error('usage: see the header of segments-check.ts');
  const columns = { customer: v.customer, date: v.date, amount: v.amount };
  const { transactions } = readTransactions(readFileSync(v.file, 'utf8'), v.format as TransactionFileFormat, columns, dateFormat);
  const summaries = summariseTransactions(transactions, { calibrationEnd: asOf, periodDays: 7 });
  const rows = summaries.map(({ customerId, frequency, recency, T, monetary }) => ({ customerId, features: { frequency, recency, T, monetary } }));
  const started = performance.now();
  const result = clusterCustomers(rows, RFM_META);
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(`${result.criterion}\n${result.candidates.map((c) => `k=${c.k}:${c.silhouette.toFixed(4)}`).join(' ')}\n`);
  for (const s of result.segments) process.stderr.write(`${s.id} size=${s.size} ${s.description}\n`);
  if (v.out) {
    const matrix = buildFeatureMatrix(rows, RFM_META);
    const segmentOf = new Map(result.assignments.map((a) => [a.customerId, a.segmentId]));
    const lines = matrix.standardised.map((z, i) => `${z.join(',')},${segmentOf.get(matrix.customerIds[i] ?? '') ?? ''}`);
    writeFileSync(v.out, `${matrix.features.join(',')},segment\n${lines.join('\n')}\n`);
  }
  process.stdout.write(`customers=${rows.length} k=${result.k} silhouette=${result.silhouette?.toFixed(4) ?? 'n/a'} seconds=${seconds.toFixed(2)}\n`);
}

try {
  main();
} catch (err: unknown) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
