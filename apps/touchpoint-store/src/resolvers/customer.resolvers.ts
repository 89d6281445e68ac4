import { toGraphQLEnum, type CustomerIdentityView } from '@c360/service-kit';
import type { CustomerResolvers } from '../__generated__/resolvers-types';
import { decodeCursor, encodeCursor } from '../domain/journey-cursor';
import { assignStage, type StageRule } from '../domain/journey-stage';
import { touchpointError } from '../errors';
import type { CustomerJourneyRepository } from '../store/customer-journey.repository';
import type { JourneyFilter, TouchpointDoc, TouchpointRepository } from '../store/touchpoint.repository';

const MAX_PAGE = 100;
const MAX_EVIDENCE = 5;

function toNode(doc: TouchpointDoc) {
  return { ...doc, messageId: doc._id };
}

type RangeArgs = { from?: Date | null; to?: Date | null };

function rangeOf(args: RangeArgs): { from?: Date; to?: Date } {
  if (args.from && args.to && args.from >= args.to) throw touchpointError('BAD_USER_INPUT', 'from must be before to');
  return { ...(args.from ? { from: args.from } : {}), ...(args.to ? { to: args.to } : {}) };
}

export interface CustomerResolverDeps {
  touchpoints: TouchpointRepository;
  journeys: CustomerJourneyRepository;
  identities: CustomerIdentityView;
  stageRules: readonly StageRule[];
  defaultGapMinutes: number;
}

/**
 * Customer fields. Who may reach a customer, and which fields are personal, is decided by the
 * @access/@personal directives in schema.graphql (service-kit's field access), not here.
 */
export function createCustomerResolvers(deps: CustomerResolverDeps): CustomerResolvers {
  return {
    __resolveReference: (ref) => ({ id: ref.id }),
    journey: async (customer, args) => {
      if (args.first < 1 || args.first > MAX_PAGE) throw touchpointError('BAD_USER_INPUT', `first must be between 1 and ${MAX_PAGE}`);
      const after = args.after ? decodeCursor(args.after) : null;
      if (args.after && !after) throw touchpointError('BAD_USER_INPUT', 'after is not a valid cursor');
      const filter: JourneyFilter = {
        ...rangeOf(args),
        ...(args.channels ? { channels: args.channels } : {}),
        ...(args.eventNames ? { eventNames: args.eventNames } : {}),
      };
      const ids = await deps.identities.expand(customer.id);
      const [page, totalCount] = await Promise.all([
        deps.touchpoints.journey(ids, args.first + 1, after, filter),
        deps.touchpoints.countForCustomers(ids, filter),
      ]);
      const edges = page.slice(0, args.first).map((doc) => ({ cursor: encodeCursor({ occurredAt: doc.occurredAt, messageId: doc._id }), node: toNode(doc) }));
      return { edges, totalCount, pageInfo: { hasNextPage: page.length > args.first, endCursor: edges.at(-1)?.cursor ?? null } };
    },
    sessions: async (customer, args) => {
      const gapMinutes = args.gapMinutes ?? deps.defaultGapMinutes;
      if (gapMinutes < 1 || gapMinutes > 24 * 60) throw touchpointError('BAD_USER_INPUT', 'gapMinutes must be between 1 and 1440');
      const ids = await deps.identities.expand(customer.id);
      return deps.journeys.sessions(ids, gapMinutes * 60_000, { ...rangeOf(args), ...(args.families ? { families: args.families } : {}) });
    },
    journeyStage: async (customer) => {
      const ids = await deps.identities.expand(customer.id);
      const assignment = assignStage(deps.stageRules, await deps.journeys.eventTallies(ids, MAX_EVIDENCE), MAX_EVIDENCE);
      if (!assignment) return null;
      return { stage: toGraphQLEnum(assignment.stage), rule: assignment.rule, evidence: assignment.evidence };
    },
  };
}
