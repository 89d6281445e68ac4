import { randomUUID } from 'node:crypto';
import { DomainSentimentClassifier, LexiconSentimentModel, trainWithHoldout, type LabelledText, type SentimentModel } from '@c360/sentiment';
import { LEXICON_VERSION, type SentimentModelRepository, type StoredSentimentModel } from './sentiment-model.repository';
import { SentimentInputError } from './sentiment-errors';

export interface SentimentModelInfo {
  version: string;
  kind: 'lexicon' | 'tfidf-logistic';
  active: boolean;
  trainedAt: Date | null;
  positiveExamples: number | null;
  negativeExamples: number | null;
  holdoutAccuracy: number | null;
}

/**
 * Bounds on one training request. Training runs within the request, on the event loop: 2,000 examples
 * take about 3 s (two fits, the holdout one included); larger sets belong in a sandboxed training job.
 */
export const TRAINING_LIMITS = { minExamples: 10, maxExamples: 2_000, maxTextLength: 5_000 } as const;

/** Which model scores new text: the shipped lexicon model until an operator activates a trained one. */
export class SentimentModels {
  private readonly lexicon = new LexiconSentimentModel();
  private loaded: SentimentModel | undefined;

  constructor(private readonly repository: SentimentModelRepository) {}

  /** The active model, reloaded only when the active version changed (possibly in another replica). */
  async current(): Promise<SentimentModel> {
    const version = await this.repository.activeVersion();
    if (version === LEXICON_VERSION) return this.lexicon;
    if (this.loaded?.version === version) return this.loaded;
    const stored = await this.repository.find(version);
    // An active pointer to a missing model is a fault to see, not a reason to stop scoring.
    if (!stored) return this.lexicon;
    this.loaded = DomainSentimentClassifier.fromJSON(stored.classifier);
    return this.loaded;
  }

  async train(examples: readonly LabelledText[], activate: boolean): Promise<SentimentModelInfo> {
    if (examples.length < TRAINING_LIMITS.minExamples || examples.length > TRAINING_LIMITS.maxExamples)
      throw new SentimentInputError(`between ${TRAINING_LIMITS.minExamples} and ${TRAINING_LIMITS.maxExamples} examples are needed (got ${examples.length})`);
    const long = examples.findIndex((e) => e.text.length > TRAINING_LIMITS.maxTextLength || e.text.trim() === '');
    if (long >= 0) throw new SentimentInputError(`example ${long}: text must be 1 to ${TRAINING_LIMITS.maxTextLength} characters`);
    const version = `domain-${new Date().toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`;
    const { classifier, holdoutAccuracy } = trainWithHoldout(examples, version);
    const json = classifier.toJSON();
    const stored: StoredSentimentModel = {
      version,
      trainedAt: new Date(),
      positiveExamples: json.examples.positive,
      negativeExamples: json.examples.negative,
      holdoutAccuracy,
      classifier: json,
    };
    await this.repository.save(stored);
    if (activate) await this.repository.activate(version);
    return this.info(stored, activate);
  }

  async activate(version: string): Promise<SentimentModelInfo> {
    const stored = version === LEXICON_VERSION ? null : await this.repository.find(version);
    if (version !== LEXICON_VERSION && !stored) throw new SentimentInputError(`no sentiment model ${JSON.stringify(version)}`);
    await this.repository.activate(version);
    return stored ? this.info(stored, true) : this.lexiconInfo(true);
  }

  /** Every model, the active one first. */
  async list(): Promise<SentimentModelInfo[]> {
    const active = await this.repository.activeVersion();
    const all = [this.lexiconInfo(active === LEXICON_VERSION), ...(await this.repository.list()).map((m) => this.info(m, m.version === active))];
    return all.sort((a, b) => Number(b.active) - Number(a.active));
  }

  private info(m: StoredSentimentModel, active: boolean): SentimentModelInfo {
    const { version, trainedAt, positiveExamples, negativeExamples, holdoutAccuracy } = m;
    return { version, kind: 'tfidf-logistic', active, trainedAt, positiveExamples, negativeExamples, holdoutAccuracy };
  }

  private lexiconInfo(active: boolean): SentimentModelInfo {
    return { version: LEXICON_VERSION, kind: 'lexicon', active, trainedAt: null, positiveExamples: null, negativeExamples: null, holdoutAccuracy: null };
  }
}
