// npm run eval:sentiment -- --file <file> [--format uci|csv] [--text <col> --label <col>] [--positive <v> --negative <v>] [--train <file>]
// Accuracy of the model insights scores touchpoint text with: the shipped lexicon model (fitted on no
// data, so any file is unseen), or a domain classifier trained on --train (same format options) and
// passed through its JSON form, as the service stores and reloads it.
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import { binaryMetrics, DomainSentimentClassifier, isPositive, LexiconSentimentModel, type SentimentModel } from '@c360/sentiment';
import { readLabelledFile, type DataFormat } from './sentiment-data';

function options() {
  const { values } = parseArgs({
    options: {
      file: { type: 'string' },
      format: { type: 'string' },
      text: { type: 'string' },
      label: { type: 'string' },
      positive: { type: 'string' },
      negative: { type: 'string' },
      train: { type: 'string' },
      // The trained classifier without the lexicon score feature: TF-IDF alone, as the scikit-learn cross-check.
      'bag-of-words-only': { type: 'boolean', default: false },
    },
  });
  if (!values.file) throw new Error('usage: --file <file> [--format uci|csv] [--text <col> --label <col>] [--positive <v> --negative <v>] [--train <file>]');
  const format = values.format ?? (extname(values.file) === '.csv' ? 'csv' : 'uci');
  if (format !== 'uci' && format !== 'csv') throw new Error(`--format must be uci or csv, not ${format}`);
  const dataFormat: DataFormat = { format, text: values.text, label: values.label, positive: values.positive, negative: values.negative };
  return { file: values.file, train: values.train, dataFormat, lexiconFeature: !values['bag-of-words-only'] };
}

function main(): void {
  const started = performance.now();
  const { file, train, dataFormat, lexiconFeature } = options();
  const test = readLabelledFile(file, dataFormat);
  if (test.rows.length === 0) throw new Error(`no labelled rows in ${file}`);
  let model: SentimentModel = new LexiconSentimentModel();
  if (train) {
    const training = readLabelledFile(train, dataFormat);
    const trained = DomainSentimentClassifier.train(training.rows, `eval-${basename(train)}`, { lexiconFeature });
    model = DomainSentimentClassifier.fromJSON(JSON.parse(JSON.stringify(trained.toJSON())));
    process.stdout.write(
      `split: trained on ${basename(train)} (${training.rows.length} rows), tested on ${basename(file)} (${test.rows.length} rows); features: ${lexiconFeature ? 'tf-idf + lexicon score' : 'tf-idf only'}\n`,
    );
  } else {
    process.stdout.write(`split: shipped lexicon model (fitted on no data), tested on all of ${basename(file)} (${test.rows.length} rows)\n`);
  }
  const scores = test.rows.map((r) => model.score(r.text));
  const truth = test.rows.map((r) => r.label === 'positive');
  const m = binaryMetrics(
    truth,
    scores.map((s) => isPositive(s.score)),
  );
  const neutral = scores.filter((s) => s.label === 'neutral').length;
  const decided = scores.flatMap((s, i) => (s.label === 'neutral' ? [] : [{ t: truth[i]!, p: isPositive(s.score) }]));
  const onDecided = binaryMetrics(
    decided.map((d) => d.t),
    decided.map((d) => d.p),
  );
  const f = (x: number) => x.toFixed(4);
  process.stdout.write(`skipped_rows=${test.skipped} positives=${truth.filter(Boolean).length} negatives=${truth.filter((t) => !t).length}\n`);
  process.stdout.write(`confusion tp=${m.confusion.tp} fp=${m.confusion.fp} tn=${m.confusion.tn} fn=${m.confusion.fn}\n`);
  process.stdout.write(
    `neutral=${neutral} (|score| < 0.05; decided by sign, 0 counts as not positive) accuracy_without_neutral=${f(onDecided.accuracy)} on ${onDecided.n}\n`,
  );
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`accuracy=${f(m.accuracy)} macro_f1=${f(m.macroF1)} n=${m.n} seconds=${seconds.toFixed(2)}\n`);
}

try {
  main();
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
