import { GraphQLError } from 'graphql';

/** identity-graph's error codes, mapped to GraphQL errors in one place. */
export type IdentityErrorCode = 'BAD_USER_INPUT';

export function identityError(code: IdentityErrorCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}
