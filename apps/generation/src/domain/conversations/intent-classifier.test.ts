import { IntentClassifier, trainingExamples } from './intent-classifier';
import { INTENTS } from './intents';
import { featurize, tokenize } from './text-features';

describe('text features', () => {
  it('lower-cases, drops apostrophes and folds numbers, so "Order #4821" and "order 77" share their tokens', () => {
    expect(tokenize("Where's Order #4821?")).toEqual(['wheres', 'order', '0']);
    expect(tokenize('order 77')).toEqual(['order', '0']);
  });

  it('gives unit-length vectors, the same for the same text and different for different text', () => {
    const v = featurize('where is my parcel');
    expect([...v.values()].reduce((s, x) => s + x * x, 0)).toBeCloseTo(1, 10);
    expect([...featurize('where is my parcel')]).toEqual([...v]);
    expect([...featurize('delete my account')]).not.toEqual([...v]);
  });

  it('shares character trigrams between a word and its misspelling', () => {
    const a = new Set(featurize('refund').keys());
    const shared = [...featurize('refnd').keys()].filter((k) => a.has(k));
    expect(shared.length).toBeGreaterThan(0);
  });
});

describe('intent classifier', () => {
  const classifier = IntentClassifier.standard();

  it('learns every intent from the training set and fits it closely', () => {
    const examples = trainingExamples();
    expect(new Set(examples.map((e) => e.intent))).toEqual(new Set(INTENTS));
    const fitted = examples.filter((e) => classifier.classify(e.text).intent === e.intent).length;
    expect(fitted / examples.length).toBeGreaterThan(0.95);
  });

  it('returns a probability as its confidence, lower for gibberish than for a plain question', () => {
    const plain = classifier.classify('how do I reset my password');
    expect(plain.intent).toBe('account_login');
    const gibberish = classifier.classify('zzqx vlorp');
    expect(gibberish.confidence).toBeLessThan(plain.confidence);
    expect(plain.confidence).toBeLessThanOrEqual(1);
  });

  it('is deterministic: two trainings give the same answers', () => {
    const again = IntentClassifier.standard();
    for (const text of ['where is my order', 'stop emailing me', 'gibberish words here']) expect(again.classify(text)).toEqual(classifier.classify(text));
  });

  it('generalises to held-out sentences of the training set (5-fold), well above the 1-in-12 chance', () => {
    const examples = trainingExamples();
    let correct = 0;
    for (let fold = 0; fold < 5; fold++) {
      const model = IntentClassifier.train(examples.filter((_, i) => i % 5 !== fold));
      const test = examples.filter((_, i) => i % 5 === fold);
      correct += test.filter((e) => model.classify(e.text).intent === e.intent).length;
    }
    expect(correct / examples.length).toBeGreaterThan(0.6);
  });
});
