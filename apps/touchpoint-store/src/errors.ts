import { GraphQLError } from 'graphql';

/** touchpoint-store's error codes, mapped to GraphQL errors in one place. */
export type TouchpointErrorCode = 'BAD_USER_INPUT' | 'FORBIDDEN' | 'QUEUE_FULL';

export function touchpointError(code: TouchpointErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}
