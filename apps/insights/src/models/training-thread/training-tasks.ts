import type { FeatureVector } from '../../domain/features/compute-features';
import { trainOnFeatures, type LearnerChoice } from '../../domain/models/propensity';
import type { TrainResult } from '../../domain/learning/train-propensity';
import type { UserSequence } from '../../domain/sequence/event-sequence';
import { scoreGru, scoreMarkov, type SequenceScores } from '../../domain/sequence/sequence-evaluation';
import { trainSequenceModels, type SequenceTraining, type SequenceTrainingOptions } from '../../domain/sequence/sequence-training';

/** The CPU-bound parts of a training run, as plain data in and out, so they can run off the event loop. */
export type TrainingTask =
  | { task: 'propensity'; rows: FeatureVector[]; labels: number[]; options: { learner: LearnerChoice; seed: number } }
  | { task: 'sequence'; train: UserSequence[]; test: UserSequence[]; options: SequenceTrainingOptions };

export interface SequenceOutcome {
  trained: SequenceTraining;
  network: SequenceScores;
  baseline: SequenceScores;
}

export type TrainingTaskResult<T extends TrainingTask> = T extends { task: 'propensity' } ? TrainResult : SequenceOutcome;

/** Runs one task where it is called (the training thread calls it; so may a test). */
export async function runTrainingTask(task: TrainingTask): Promise<TrainResult | SequenceOutcome> {
  if (task.task === 'propensity') return trainOnFeatures(task.rows, task.labels, task.options);
  const trained = await trainSequenceModels(task.train, task.options);
  return { trained, network: await scoreGru(trained.network, task.test), baseline: scoreMarkov(trained.baseline, task.test) };
}
