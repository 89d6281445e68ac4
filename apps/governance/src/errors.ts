import { GraphQLError } from 'graphql';

/**
 * governance's error codes, mapped to GraphQL errors in one place:
 * BAD_USER_INPUT (malformed or contradictory input), FORBIDDEN (role), NOT_FOUND (no such subject
 * or request), SERVICE_UNAVAILABLE (identity-graph could not be asked whom a request is about).
 */
export type GovernanceErrorCode = 'BAD_USER_INPUT' | 'FORBIDDEN' | 'NOT_FOUND' | 'SERVICE_UNAVAILABLE';

export function governanceError(code: GovernanceErrorCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}
