import { rocAuc } from '../learning/classification-metrics';
import { prefixBeforeTarget, type UserSequence } from './event-sequence';
import { GruPredictor, type GruModel } from './gru-sequence-model';
import { markovNextDistribution, markovReachProbability, topK, type MarkovModel } from './markov-baseline';

export interface SequenceScores {
  /** Share of next steps (every position after the first, held-out users) among the model's three most likely. */
  nextTop3: number;
  nextCount: number;
  /** ROC-AUC of "reaches the target" scored after the steps before it (or all steps, for users who never do). */
  targetAuc: number;
  /** Users with at least one step before the target (or none reached), the ones the AUC is over. */
  targetUsers: number;
}

function targetCases(users: readonly UserSequence[], target: string) {
  return users.map((u) => prefixBeforeTarget(u.steps, target)).filter((c) => c.prefix.length > 0);
}

export function scoreMarkov(model: MarkovModel, users: readonly UserSequence[]): SequenceScores {
  let hits = 0;
  let count = 0;
  for (const { steps } of users) {
    const events = steps.map((s) => s.event);
    for (let t = 1; t < events.length; t++) {
      const top = topK(markovNextDistribution(model, events.slice(0, t)), 3);
      if (top.some((p) => p.event === events[t])) hits += 1;
      count += 1;
    }
  }
  const cases = targetCases(users, model.target);
  return {
    nextTop3: count ? hits / count : NaN,
    nextCount: count,
    targetAuc: rocAuc(
      cases.map((c) => (c.reached ? 1 : 0)),
      cases.map((c) =>
        markovReachProbability(
          model,
          c.prefix.map((s) => s.event),
        ),
      ),
    ),
    targetUsers: cases.length,
  };
}

export async function scoreGru(model: GruModel, users: readonly UserSequence[]): Promise<SequenceScores> {
  const predictor = await GruPredictor.load(model);
  try {
    const next = predictor.nextAtEveryStep(users.map((u) => u.steps));
    const hits = next.filter(({ actual, predicted }) => topK(predicted, 3).some((p) => p.event === actual)).length;
    const cases = targetCases(users, model.target);
    const reach = predictor.predictAfter(cases.map((c) => c.prefix)).map((p) => p.reach);
    return {
      nextTop3: next.length ? hits / next.length : NaN,
      nextCount: next.length,
      targetAuc: rocAuc(
        cases.map((c) => (c.reached ? 1 : 0)),
        reach,
      ),
      targetUsers: cases.length,
    };
  } finally {
    predictor.dispose();
  }
}
