import { resolveJobOf, touchpointRefOf } from '@c360/contracts';
import type { CustomerIdentityView } from '@c360/service-kit';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { decodeCursor, encodeCursor } from '../domain/journey-cursor';
import { touchpointError } from '../errors';
import { touchpointInputOf, type TouchpointRepository } from '../store/touchpoint.repository';

export const TOUCHPOINT_FACTS_SCHEMA_PATH = `${__dirname}/touchpoint-facts.graphql`;

const MAX_PAGE = 5000;

/**
 * customerTouchpointFacts: a customer's touchpoints, each made into the reference customer.updated
 * carried for it by the same two functions the pipeline uses (resolveJobOf, touchpointRefOf), so a
 * consumer that kept some from the events and takes the rest from here holds one shape.
 */
export function createTouchpointFactsResolvers(deps: { touchpoints: TouchpointRepository; identities: CustomerIdentityView }): {
  Query: Pick<QueryResolvers, 'customerTouchpointFacts'>;
} {
  return {
    Query: {
      customerTouchpointFacts: async (_, args) => {
        if (args.first < 1 || args.first > MAX_PAGE) throw touchpointError('BAD_USER_INPUT', `first must be between 1 and ${MAX_PAGE}`);
        const after = args.after ? decodeCursor(args.after) : null;
        if (args.after && !after) throw touchpointError('BAD_USER_INPUT', 'after is not a valid cursor');
        const ids = await deps.identities.expand(args.customerId);
        const page = await deps.touchpoints.journey(ids, args.first + 1, after);
        const docs = page.slice(0, args.first);
        const last = docs.at(-1);
        return {
          facts: docs.map((doc) => touchpointRefOf(resolveJobOf(touchpointInputOf(doc), doc.occurredAt))),
          endCursor: last ? encodeCursor({ occurredAt: last.occurredAt, messageId: last._id }) : null,
          hasNextPage: page.length > args.first,
        };
      },
    },
  };
}
