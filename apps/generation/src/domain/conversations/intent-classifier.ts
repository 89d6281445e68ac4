import { INTENT_TRAINING_SET } from './intent-training-set';
import { isIntent, type Intent } from './intents';
import { DEFAULT_SOFTMAX_OPTIONS, trainSoftmax, type SoftmaxModel, type SoftmaxOptions } from './softmax-classifier';
import { featurize } from './text-features';

export interface IntentPrediction {
  intent: Intent;
  /** The model's probability for that intent, in [0, 1]. */
  confidence: number;
}

export class IntentClassifier {
  private constructor(private readonly model: SoftmaxModel) {}

  static train(examples: readonly { text: string; intent: Intent }[], options: SoftmaxOptions = DEFAULT_SOFTMAX_OPTIONS): IntentClassifier {
    return new IntentClassifier(
      trainSoftmax(
        examples.map((e) => ({ x: featurize(e.text), label: e.intent })),
        options,
      ),
    );
  }

  /** The classifier the service runs: trained on the project's labelled set, deterministically. */
  static standard(): IntentClassifier {
    return IntentClassifier.train(trainingExamples());
  }

  classify(text: string): IntentPrediction {
    const p = this.model.probabilities(featurize(text));
    let best = 0;
    p.forEach((v, i) => {
      if (v > p[best]!) best = i;
    });
    const label = this.model.classes[best]!;
    return { intent: isIntent(label) ? label : 'other', confidence: p[best]! };
  }
}

export function trainingExamples(): { text: string; intent: Intent }[] {
  return Object.entries(INTENT_TRAINING_SET).flatMap(([intent, texts]) => texts.map((text) => ({ text, intent: intent as Intent })));
}
