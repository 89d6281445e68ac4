/** Why a table cannot be learned from; callers map every code to a bad-input answer naming the fault. */
export type LearningErrorCode = 'NO_ROWS' | 'UNKNOWN_COLUMN' | 'ONE_CLASS' | 'TOO_FEW_ROWS' | 'NO_FEATURES' | 'BAD_OPTION';

export class LearningError extends Error {
  constructor(
    readonly code: LearningErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LearningError';
  }
}
