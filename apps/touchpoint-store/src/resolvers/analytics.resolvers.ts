import type { QueryResolvers } from '../__generated__/resolvers-types';
import type { FunnelBreakdown } from '../domain/funnel';
import { touchpointError } from '../errors';
import type { AnalyticsRepository } from '../store/analytics.repository';

const MAX_SPAN_MS = 2 * 366 * 24 * 3600_000;

function checkRange(from: Date, to: Date): void {
  if (from >= to) throw touchpointError('BAD_USER_INPUT', 'the range must end after it starts');
  if (to.getTime() - from.getTime() > MAX_SPAN_MS) throw touchpointError('BAD_USER_INPUT', 'the range may span at most two years');
}

function checkInt(name: string, value: number, min: number, max: number): void {
  if (value < min || value > max) throw touchpointError('BAD_USER_INPUT', `${name} must be between ${min} and ${max}`);
}

/** Aggregate analytics: counts by event and channel, no personal data, so open to analysts. */
export function createAnalyticsResolvers(analytics: AnalyticsRepository): Pick<QueryResolvers, 'funnel' | 'paths' | 'cohorts'> {
  return {
    funnel: async (_, args) => {
      checkInt('the number of steps', args.steps.length, 2, 10);
      checkInt('within (seconds)', args.within, 1, 366 * 24 * 3600);
      checkRange(args.from, args.to);
      return analytics.funnel({ steps: args.steps, withinMs: args.within * 1000, from: args.from, to: args.to, by: args.by.toLowerCase() as FunnelBreakdown });
    },
    paths: async (_, args) => {
      checkInt('maxLength', args.maxLength, 2, 10);
      checkInt('top', args.top, 1, 100);
      checkRange(args.since, args.until);
      const result = await analytics.paths({
        to: args.to,
        from: args.from ?? null,
        maxLength: args.maxLength,
        top: args.top,
        since: args.since,
        until: args.until,
      });
      return { ...result, paths: result.paths.map((p) => ({ steps: p.path, count: p.count })) };
    },
    cohorts: async (_, args) => {
      checkInt('weeks', args.weeks, 1, 52);
      checkRange(args.from, args.to);
      return analytics.cohorts({ from: args.from, to: args.to, weeks: args.weeks });
    },
  };
}
