import { GraphQLError } from 'graphql';

/**
 * Error codes of next-best-action, mapped to GraphQL errors here only: BAD_USER_INPUT (a malformed
 * action, rule, placement, context or reward; the message names the field), NOT_FOUND (no such
 * decision), CONFLICT (the decision already has a different outcome).
 */
export type DecisionErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT';

export class DecisionError extends Error {
  constructor(
    readonly code: DecisionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DecisionError';
  }
}

export function toGraphQLError(err: unknown): unknown {
  return err instanceof DecisionError ? new GraphQLError(err.message, { extensions: { code: err.code } }) : err;
}
