import { GraphQLError } from 'graphql';

/** governance's error codes, mapped to GraphQL errors in one place. */
export type GovernanceErrorCode = 'BAD_USER_INPUT' | 'FORBIDDEN';

export function governanceError(code: GovernanceErrorCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}
