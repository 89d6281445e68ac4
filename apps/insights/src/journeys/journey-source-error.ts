import { GraphQLError } from 'graphql';

/** Error codes of insights' population analytics (attribution, journey alerts), mapped to GraphQL here only. */
export type AnalyticsErrorCode = 'BAD_USER_INPUT' | 'SOURCE_UNAVAILABLE';

export function analyticsError(code: AnalyticsErrorCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}
