import type { SequenceStep } from '../sequence/event-sequence';
import { GruPredictor, type GruModel } from '../sequence/gru-sequence-model';
import { markovNextDistribution, markovReachProbability, topK, type MarkovModel } from '../sequence/markov-baseline';
import { bandOf, type BandThresholds } from '../predictions/bands';
import type { ModelScore } from './model-scoring';

/** A trained next-steps model as stored: both learners, and which one serves (the network only if it beat the baseline). */
export interface SequenceArtifact {
  servedBy: 'gru' | 'markov';
  target: string;
  baseline: MarkovModel;
  network: GruModel;
}

export type SequenceScore = ModelScore & { nextSteps: { event: string; probability: number }[] };

const pct = (p: number) => `${Math.round(p * 100)}%`;

/** The next three steps and the chance of reaching the target, after a customer's steps so far (oldest first). */
export async function scoreSequence(
  artifact: SequenceArtifact,
  bands: BandThresholds,
  steps: readonly SequenceStep[],
  predictor: () => Promise<GruPredictor>,
): Promise<SequenceScore | null> {
  if (steps.length === 0) return null;
  let next: Map<string, number>;
  let reach: number;
  if (artifact.servedBy === 'gru') {
    const [prediction] = (await predictor()).predictAfter([steps]);
    if (!prediction) return null;
    [next, reach] = [prediction.next, prediction.reach];
  } else {
    const events = steps.map((s) => s.event);
    [next, reach] = [markovNextDistribution(artifact.baseline, events), markovReachProbability(artifact.baseline, events)];
  }
  const nextSteps = topK(next, 3);
  const recent = steps
    .slice(-3)
    .map((s) => s.event)
    .join(' → ');
  const factor = {
    feature: 'recent_steps',
    effect: 0,
    text: `After ${recent}, ${artifact.target} within the horizon has a ${pct(reach)} chance; most likely next: ${nextSteps.map((n) => `${n.event} (${pct(n.probability)})`).join(', ')}.`,
  };
  return { score: reach, band: bandOf(reach, bands), explanation: { raising: [factor], lowering: [] }, details: {}, nextSteps };
}
