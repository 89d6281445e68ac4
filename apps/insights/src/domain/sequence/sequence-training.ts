import type { UserSequence } from './event-sequence';
import { trainGru, type GruModel, type GruOptions } from './gru-sequence-model';
import { trainMarkov, type MarkovModel } from './markov-baseline';
import { splitUsers } from './user-split';
import { scoreGru, scoreMarkov, type SequenceScores } from './sequence-evaluation';

export interface SequenceTraining {
  baseline: MarkovModel;
  network: GruModel;
  validation: { baseline: SequenceScores; network: SequenceScores; users: number };
  /** The network serves only when it beats the baseline on both next steps and the target on users it did not train on. */
  winner: 'gru' | 'markov';
}

export interface SequenceTrainingOptions extends Omit<GruOptions, 'target'> {
  target: string;
  /** Markov orders tried; the one with the best validation next-step accuracy is kept. */
  orders?: number[];
  validationFraction?: number;
}

/** Whether `a` beats `b`: better on both, where the target AUC is defined on this data. */
export function beats(a: SequenceScores, b: SequenceScores): boolean {
  const auc = Number.isNaN(a.targetAuc) || Number.isNaN(b.targetAuc) ? true : a.targetAuc > b.targetAuc;
  return a.nextTop3 > b.nextTop3 && auc;
}

/** Trains the baseline and the network on `users`, holding out a share of them to choose and compare. */
export async function trainSequenceModels(users: readonly UserSequence[], options: SequenceTrainingOptions): Promise<SequenceTraining> {
  const seed = options.seed ?? 42;
  const { train: fit, test: validation } = splitUsers(users, options.validationFraction ?? 0.1, seed + 1);
  const markovOptions = { target: options.target, horizonMs: options.horizonMs };
  const candidates = (options.orders ?? [1, 2, 3]).map((order) => {
    const model = trainMarkov(fit, { ...markovOptions, order });
    return { order, scores: scoreMarkov(model, validation) };
  });
  const chosen = candidates.reduce((best, c) => (c.scores.nextTop3 > best.scores.nextTop3 ? c : best));
  const network = await trainGru(fit, validation, { ...options, seed });
  const networkScores = await scoreGru(network, validation);
  return {
    baseline: trainMarkov(users, { ...markovOptions, order: chosen.order }),
    network,
    validation: { baseline: chosen.scores, network: networkScores, users: validation.length },
    winner: beats(networkScores, chosen.scores) ? 'gru' : 'markov',
  };
}
