import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { REJECTIONS } from '../http/graphql-rejection';

/**
 * Refuses a document in which `operationName` names no operation, or that holds several operations
 * and names none, with a 400. Apollo Server leaves this to the executor, and @apollo/gateway's
 * executor throws (INVALID_GRAPHQL) instead of returning the error, which Apollo answers with a 500.
 */
export function operationResolutionPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation) return;
          const message = request.operationName
            ? `Unknown operation named "${request.operationName}".`
            : 'Must provide an operation name: the document holds several.';
          throw new GraphQLError(message, {
            extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: REJECTIONS.OPERATION_RESOLUTION_FAILURE.status } },
          });
        },
      };
    },
  };
}
