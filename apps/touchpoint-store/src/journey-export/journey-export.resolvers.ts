import type { QueryResolvers } from '../__generated__/resolvers-types';
import { touchpointError } from '../errors';
import type { AnonymousJourneyRepository } from './anonymous-journey.repository';

export const JOURNEY_EXPORT_SCHEMA_PATH = `${__dirname}/journey-export.graphql`;

const MAX_SPAN_MS = 2 * 366 * 24 * 3600_000;
const encodeCursor = (id: string) => Buffer.from(id, 'utf8').toString('base64url');
const decodeCursor = (cursor: string) => Buffer.from(cursor, 'base64url').toString('utf8');

/** anonymousJourneys: validates the range and page size, then pages through the timelines. */
export function createJourneyExportResolvers(journeys: AnonymousJourneyRepository): { Query: Pick<QueryResolvers, 'anonymousJourneys'> } {
  return {
    Query: {
      anonymousJourneys: async (_, args) => {
        if (args.from >= args.to) throw touchpointError('BAD_USER_INPUT', 'the range must end after it starts');
        if (args.to.getTime() - args.from.getTime() > MAX_SPAN_MS) throw touchpointError('BAD_USER_INPUT', 'the range may span at most two years');
        if (args.first < 1 || args.first > 5000) throw touchpointError('BAD_USER_INPUT', 'first must be between 1 and 5000');
        const page = await journeys.page({ from: args.from, to: args.to }, args.first, args.after ? decodeCursor(args.after) : null);
        return { journeys: page.journeys, endCursor: page.last === null ? null : encodeCursor(page.last), hasNextPage: page.more };
      },
    },
  };
}
