import type { CustomerAliasRepository } from '@c360/service-kit';
import { decodeCursor, encodeCursor } from '../domain/journey-cursor';
import { touchpointError } from '../errors';
import type { TouchpointDoc, TouchpointRepository } from '../store/touchpoint.repository';

const MAX_PAGE = 100;

function toNode(doc: TouchpointDoc) {
  return { ...doc, messageId: doc._id };
}

export function createCustomerResolvers(touchpoints: TouchpointRepository, aliases: CustomerAliasRepository) {
  return {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    journey: async (customer: { id: string }, args: { first: number; after?: string | null }) => {
      if (args.first < 1 || args.first > MAX_PAGE) throw touchpointError('BAD_USER_INPUT', `first must be between 1 and ${MAX_PAGE}`);
      const after = args.after ? decodeCursor(args.after) : null;
      if (args.after && !after) throw touchpointError('BAD_USER_INPUT', 'after is not a valid cursor');
      const ids = await aliases.expand(customer.id);
      const [page, totalCount] = await Promise.all([touchpoints.journey(ids, args.first + 1, after), touchpoints.countForCustomers(ids)]);
      const edges = page.slice(0, args.first).map((doc) => ({ cursor: encodeCursor({ occurredAt: doc.occurredAt, messageId: doc._id }), node: toNode(doc) }));
      return { edges, totalCount, pageInfo: { hasNextPage: page.length > args.first, endCursor: edges.at(-1)?.cursor ?? null } };
    },
  };
}
