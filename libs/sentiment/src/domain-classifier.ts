import { z } from 'zod';
import { fitLogistic, predictProbability, type SparseRow } from './logistic-regression';
import { LexiconSentimentModel } from './lexicon-model';
import { labelOf, type SentimentModel, type SentimentScore } from './sentiment-label';
import { classifierTokens, ngrams } from './text-tokens';

export interface LabelledText {
  text: string;
  label: 'positive' | 'negative';
}

export class TrainingDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrainingDataError';
  }
}

export interface TrainOptions {
  /** Inverse L2 strength (scikit-learn's C). */
  c?: number;
  /**
   * A term must occur in at least this many examples to become a feature. Besides cutting noise, it
   * keeps one-off tokens (a name, an order number) out of a model that is stored and shared.
   */
  minDf?: number;
  /** Keep at most this many terms, the most frequent first. */
  maxFeatures?: number;
  /**
   * Add the shipped lexicon model's score as one more feature (default true). The classifier then
   * learns how far to trust general opinion words beside the operator's domain words, which carries
   * over to wording its examples never had.
   */
  lexiconFeature?: boolean;
}

/** Fewest examples of each label a classifier is trained on: below that it learns a few words by heart. */
export const MIN_EXAMPLES_PER_LABEL = 5;

/** The serialised classifier: everything scoring needs, nothing of the examples but the kept terms. */
export const domainClassifierJsonSchema = z.object({
  kind: z.literal('tfidf-logistic'),
  format: z.literal(1),
  version: z.string().min(1),
  vocabulary: z.array(z.string()),
  idf: z.array(z.number()),
  weights: z.array(z.number()),
  intercept: z.number(),
  c: z.number().positive(),
  minDf: z.number().int().min(1),
  /** Whether the last weight is the lexicon score's. */
  lexiconFeature: z.boolean(),
  examples: z.object({ positive: z.number().int(), negative: z.number().int() }),
});
export type DomainClassifierJson = z.infer<typeof domainClassifierJsonSchema>;

const lexicon = new LexiconSentimentModel();

/** A text's row: its TF-IDF terms, then (when the model uses it) the lexicon score at index `vocabulary.length`. */
function features(text: string, grams: readonly string[], index: ReadonlyMap<string, number>, idf: readonly number[], lexiconFeature: boolean): SparseRow {
  const row = vectorise(grams, index, idf);
  if (!lexiconFeature) return row;
  return { indices: [...row.indices, idf.length], values: [...row.values, lexicon.score(text).score] };
}

/** TF-IDF as scikit-learn's TfidfVectorizer defaults compute it: smoothed idf, raw counts, L2-normalised rows. */
function vectorise(grams: readonly string[], index: ReadonlyMap<string, number>, idf: readonly number[]): SparseRow {
  const counts = new Map<number, number>();
  for (const g of grams) {
    const i = index.get(g);
    if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
  }
  const indices = [...counts.keys()].sort((a, b) => a - b);
  const values = indices.map((i) => counts.get(i)! * idf[i]!);
  const norm = Math.hypot(...values);
  return { indices, values: norm > 0 ? values.map((v) => v / norm) : values };
}

/**
 * An operator's domain classifier: TF-IDF over negation-marked unigrams and bigrams, then an L2
 * logistic regression. Its score is 2·P(positive) − 1, on the lexicon model's −1…1 scale.
 */
export class DomainSentimentClassifier implements SentimentModel {
  private readonly index: Map<string, number>;

  private constructor(private readonly model: DomainClassifierJson) {
    this.index = new Map(model.vocabulary.map((term, i) => [term, i]));
  }

  get version(): string {
    return this.model.version;
  }

  static train(examples: readonly LabelledText[], version: string, options: TrainOptions = {}): DomainSentimentClassifier {
    const positive = examples.filter((e) => e.label === 'positive').length;
    const negative = examples.length - positive;
    if (positive < MIN_EXAMPLES_PER_LABEL || negative < MIN_EXAMPLES_PER_LABEL)
      throw new TrainingDataError(
        `need at least ${MIN_EXAMPLES_PER_LABEL} positive and ${MIN_EXAMPLES_PER_LABEL} negative examples (got ${positive} and ${negative})`,
      );
    const c = options.c ?? 1;
    const minDf = options.minDf ?? 2;
    const grams = examples.map((e) => ngrams(classifierTokens(e.text)));
    const df = new Map<string, number>();
    for (const doc of grams) for (const g of new Set(doc)) df.set(g, (df.get(g) ?? 0) + 1);
    const vocabulary = [...df]
      .filter(([, n]) => n >= minDf)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, options.maxFeatures ?? 50_000)
      .map(([term]) => term)
      .sort();
    if (vocabulary.length === 0) throw new TrainingDataError(`no term occurs in ${minDf} or more examples`);
    const n = examples.length;
    const idf = vocabulary.map((term) => Math.log((1 + n) / (1 + df.get(term)!)) + 1);
    const index = new Map(vocabulary.map((term, i) => [term, i]));
    const lexiconFeature = options.lexiconFeature ?? true;
    const rows = examples.map((e, i) => features(e.text, grams[i]!, index, idf, lexiconFeature));
    const fit = fitLogistic(
      rows,
      examples.map((e) => (e.label === 'positive' ? 1 : 0)),
      vocabulary.length + (lexiconFeature ? 1 : 0),
      { c },
    );
    return new DomainSentimentClassifier({
      kind: 'tfidf-logistic',
      format: 1,
      version,
      vocabulary,
      idf,
      weights: fit.weights,
      intercept: fit.intercept,
      c,
      minDf,
      lexiconFeature,
      examples: { positive, negative },
    });
  }

  /** Reads a serialised classifier; a malformed one is refused rather than scoring nonsense. */
  static fromJSON(json: unknown): DomainSentimentClassifier {
    const parsed = domainClassifierJsonSchema.safeParse(json);
    if (!parsed.success) throw new TrainingDataError(`not a sentiment classifier: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    const m = parsed.data;
    if (m.idf.length !== m.vocabulary.length || m.weights.length !== m.vocabulary.length + (m.lexiconFeature ? 1 : 0))
      throw new TrainingDataError('not a sentiment classifier: dimensions differ');
    return new DomainSentimentClassifier(m);
  }

  toJSON(): DomainClassifierJson {
    return this.model;
  }

  /** P(positive) for a text. */
  probability(text: string): number {
    return predictProbability(this.model, features(text, ngrams(classifierTokens(text)), this.index, this.model.idf, this.model.lexiconFeature));
  }

  score(text: string): SentimentScore {
    const score = 2 * this.probability(text) - 1;
    return { score, label: labelOf(score) };
  }
}

export interface TrainedClassifier {
  classifier: DomainSentimentClassifier;
  /** Accuracy on every fifth example of each label, from a fit on the others; null with too few examples. */
  holdoutAccuracy: number | null;
}

/**
 * Trains an operator's classifier and says how well it generalises: a first fit leaves out every
 * fifth example of each label (deterministic, stratified) and is scored on them; the model kept is
 * then fitted on all the examples.
 */
export function trainWithHoldout(examples: readonly LabelledText[], version: string, options: TrainOptions = {}): TrainedClassifier {
  const seen = { positive: 0, negative: 0 };
  const fold = examples.map((e) => seen[e.label]++ % 5 === 4);
  const train = examples.filter((_, i) => !fold[i]);
  const test = examples.filter((_, i) => fold[i]);
  let holdoutAccuracy: number | null = null;
  try {
    const probe = DomainSentimentClassifier.train(train, version, options);
    holdoutAccuracy = test.filter((e) => probe.probability(e.text) >= 0.5 === (e.label === 'positive')).length / test.length;
  } catch (err) {
    if (!(err instanceof TrainingDataError)) throw err;
  }
  return { classifier: DomainSentimentClassifier.train(examples, version, options), holdoutAccuracy };
}
