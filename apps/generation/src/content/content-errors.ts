import { GraphQLError } from 'graphql';
import type { CheckFailure, ContentCheck } from '../domain/content/output-checks';

/** Expected failures of the content module, each with the code clients see in `extensions.code`. */
export type ContentErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONSENT_REQUIRED'
  | 'CONTENT_CHECK_FAILED'
  | 'TOKEN_BUDGET_EXHAUSTED'
  | 'PROVIDER_UNAVAILABLE'
  | 'INVALID_REVIEW_TRANSITION';

export class ContentError extends Error {
  constructor(
    readonly code: ContentErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ContentError';
  }
}

/** Failed after every attempt: names the check (the first still failing) and lists all failures of the last attempt. */
export function checkFailed(failures: readonly CheckFailure[], attempts: number): ContentError {
  const check: ContentCheck = failures[0]?.check ?? 'FORMAT';
  return new ContentError('CONTENT_CHECK_FAILED', `the output failed the ${check} check after ${attempts} attempt(s): ${failures[0]?.reason ?? ''}`, {
    check,
    attempts,
    failures: failures.map((f) => ({ check: f.check, variant: f.variant, reason: f.reason })),
  });
}

/** The one mapping of content errors to GraphQL errors; anything else stays an internal error. */
export function toGraphQLError(err: unknown): unknown {
  if (!(err instanceof ContentError)) return err;
  return new GraphQLError(err.message, { extensions: { code: err.code, ...err.details } });
}
