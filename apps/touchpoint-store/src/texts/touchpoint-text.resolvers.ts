import { GraphQLError } from 'graphql';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { MAX_TEXT_IDS, type TouchpointTextRepository } from './touchpoint-text.repository';

export function createTouchpointTextResolvers(texts: TouchpointTextRepository): Pick<QueryResolvers, 'touchpointTexts'> {
  return {
    touchpointTexts: async (_parent, { messageIds }) => {
      if (messageIds.length > MAX_TEXT_IDS) throw new GraphQLError(`at most ${MAX_TEXT_IDS} messageIds`, { extensions: { code: 'BAD_USER_INPUT' } });
      return texts.textsOf(messageIds);
    },
  };
}
