import { GraphQLError } from 'graphql';

/**
 * Conversation error codes, mapped to GraphQL errors here only: BAD_USER_INPUT (malformed input),
 * NOT_FOUND (no such conversation or escalation), CONFLICT (the state does not allow it: another
 * agent holds the escalation, the conversation is not with an agent).
 */
export type ConversationErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT';

export function conversationError(code: ConversationErrorCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}
