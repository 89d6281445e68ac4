import { DomainSentimentClassifier, MIN_EXAMPLES_PER_LABEL, TrainingDataError, trainWithHoldout, type LabelledText } from './domain-classifier';
import { LexiconSentimentModel } from './lexicon-model';
import { isPositive, labelOf } from './sentiment-label';
import { classifierTokens } from './text-tokens';

// Invented support-desk sentences: the domain words (refund, invoice, agent) carry the signal.
const positive = [
  'refund arrived quickly',
  'agent sorted my invoice',
  'invoice fixed, thanks agent',
  'quick refund and kind agent',
  'the agent was quick',
  'refund done quickly',
];
const negative = [
  'still no refund',
  'invoice wrong again',
  'agent never called back',
  'no refund after weeks',
  'wrong invoice, no callback',
  'refund still missing',
];
const examples: LabelledText[] = [
  ...positive.map((text) => ({ text, label: 'positive' as const })),
  ...negative.map((text) => ({ text, label: 'negative' as const })),
];

describe('LexiconSentimentModel (shipped)', () => {
  const model = new LexiconSentimentModel();

  it('scores praise positive, complaints negative, and flips a negated opinion', () => {
    expect(model.score('The support team was wonderful and very helpful!').label).toBe('positive');
    expect(model.score('Terrible service, I am furious.').label).toBe('negative');
    expect(model.score('The agent was helpful.').score).toBeGreaterThan(0);
    expect(model.score('The agent was not helpful.').score).toBeLessThan(0);
  });

  it('reads social-media text: emoji, emoticons and negated negatives', () => {
    expect(model.score('Love it 😍').label).toBe('positive');
    expect(model.score('😡😡 never again').label).toBe('negative');
    expect(model.score('meh :(').label).toBe('negative');
    expect(model.score('not bad at all').label).toBe('positive');
    expect(model.score('I would not recommend this').label).toBe('negative');
  });

  it('calls empty text neutral and stays within −1…1', () => {
    expect(model.score('   ')).toEqual({ score: 0, label: 'neutral' });
    const s = model.score('awful awful awful horrible terrible worst disgusting').score;
    expect(s).toBeGreaterThanOrEqual(-1);
    expect(s).toBeLessThan(-0.5);
  });
});

describe('labels', () => {
  it('has a neutral band around zero and counts no evidence as not positive', () => {
    expect([labelOf(0.2), labelOf(0.01), labelOf(-0.2)]).toEqual(['positive', 'neutral', 'negative']);
    expect([isPositive(0.01), isPositive(0), isPositive(-0.3)]).toEqual([true, false, false]);
  });
});

describe('classifierTokens', () => {
  it('marks words in a negation scope, so "not good" is not "good"', () => {
    expect(classifierTokens('It is not good.')).toContain('not_good');
    expect(classifierTokens('It is good.')).toContain('good');
    expect(classifierTokens('It is good.')).not.toContain('not_good');
  });
});

describe('DomainSentimentClassifier', () => {
  it('learns domain words and scores unseen text on the −1…1 scale', () => {
    const c = DomainSentimentClassifier.train(examples, 'v1');
    expect(c.score('a quick refund from the agent').score).toBeGreaterThan(0);
    expect(c.score('wrong invoice and still no refund').score).toBeLessThan(0);
  });

  it('serialises to JSON and back to the same scores, and refuses a malformed model', () => {
    const c = DomainSentimentClassifier.train(examples, 'v1');
    const copy = DomainSentimentClassifier.fromJSON(JSON.parse(JSON.stringify(c)));
    expect(copy.version).toBe('v1');
    expect(copy.probability('refund still missing')).toBe(c.probability('refund still missing'));
    expect(() => DomainSentimentClassifier.fromJSON({ ...c.toJSON(), weights: [1] })).toThrow(TrainingDataError);
    expect(() => DomainSentimentClassifier.fromJSON({ kind: 'other' })).toThrow(TrainingDataError);
  });

  it('keeps out of the model any term seen in only one example (a name, an order number)', () => {
    const withName = [...examples, { text: 'Zebulon Quartermaine loved the refund', label: 'positive' as const }];
    const vocabulary = DomainSentimentClassifier.train(withName, 'v1').toJSON().vocabulary;
    expect(vocabulary.some((t) => t.includes('zebulon'))).toBe(false);
    expect(vocabulary).toContain('refund');
  });

  it('carries general opinion words its examples never had over through the lexicon feature', () => {
    const opinionated: LabelledText[] = [
      ...['great refund service', 'good agent, refund done', 'happy with the invoice fix', 'nice quick refund', 'great agent', 'good, invoice sorted'].map(
        (text) => ({ text, label: 'positive' as const }),
      ),
      ...['bad refund service', 'awful agent, no refund', 'angry about the invoice', 'sad, refund missing', 'bad agent', 'awful invoice'].map((text) => ({
        text,
        label: 'negative' as const,
      })),
    ];
    const withLexicon = DomainSentimentClassifier.train(opinionated, 'v1');
    const wordsOnly = DomainSentimentClassifier.train(opinionated, 'v1', { lexiconFeature: false });
    expect(withLexicon.toJSON().lexiconFeature).toBe(true);
    expect(withLexicon.score('a wonderful, delightful experience').score).toBeGreaterThan(0);
    expect(withLexicon.score('a horrible, disgusting experience').score).toBeLessThan(0);
    // Without it the unseen words are unknown terms: the score is the intercept's, the same for both.
    expect(wordsOnly.score('a wonderful, delightful experience').score).toBeCloseTo(wordsOnly.score('a horrible, disgusting experience').score, 10);
  });

  it(`needs ${MIN_EXAMPLES_PER_LABEL} examples of each label`, () => {
    expect(() => DomainSentimentClassifier.train(examples.slice(0, 8), 'v1')).toThrow(TrainingDataError);
  });

  it('reports holdout accuracy from a fit without the held-out fifth', () => {
    const { classifier, holdoutAccuracy } = trainWithHoldout(Array.from({ length: 3 }, () => examples).flat(), 'v2');
    expect(holdoutAccuracy).not.toBeNull();
    expect(holdoutAccuracy!).toBeGreaterThan(0.5);
    expect(classifier.toJSON().examples).toEqual({ positive: 18, negative: 18 });
  });
});
