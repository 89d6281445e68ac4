import { GraphQLError } from 'graphql';
import { TrainingDataError } from '@c360/sentiment';

/** Input an operator can fix (too few examples, an unknown model version): BAD_USER_INPUT at the edge. */
export class SentimentInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SentimentInputError';
  }
}

/** The one mapping of this module's errors to GraphQL; anything else stays an internal error. */
export function toGraphQLError(err: unknown): unknown {
  if (err instanceof SentimentInputError || err instanceof TrainingDataError) return new GraphQLError(err.message, { extensions: { code: 'BAD_USER_INPUT' } });
  return err;
}
