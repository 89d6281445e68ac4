import { PREDICTION_KINDS, SCORE_BANDS } from '@c360/contracts';

export type LearnerValue = 'logistic' | 'gbt' | 'auto';

const upper = <T extends string>(values: readonly T[]): Record<string, T> => Object.fromEntries(values.map((v) => [v.toUpperCase(), v]));

/** GraphQL enum values (CHURN, HIGH...) mapped to the stored names (churn, high...). */
export const PREDICTION_ENUM_VALUES = {
  ModelKind: upper(PREDICTION_KINDS),
  ScoreBand: upper(SCORE_BANDS),
  Learner: upper<LearnerValue>(['logistic', 'gbt', 'auto']),
  ModelRunStatus: upper(['queued', 'running', 'succeeded', 'failed'] as const),
  ModelStatus: upper(['candidate', 'active', 'retired'] as const),
};
