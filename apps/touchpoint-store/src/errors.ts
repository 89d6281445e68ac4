import { GraphQLError } from 'graphql';

/** touchpoint-store's error codes, mapped to GraphQL errors in one place. */
export type TouchpointErrorCode = 'BAD_USER_INPUT' | 'FORBIDDEN';

export function touchpointError(code: TouchpointErrorCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}
