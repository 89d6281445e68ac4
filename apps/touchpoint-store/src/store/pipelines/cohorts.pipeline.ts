import type { PipelineStage } from 'mongoose';
import { MONDAY_EPOCH_MS, WEEK_MS } from '../../domain/cohorts';

/**
 * Cohort retention as one aggregation: each customer's first-seen week and the set of weeks with
 * activity, then customers counted per (first week, offset). Week numbers are computed with
 * arithmetic on dates rather than $dateTrunc/$isoWeek, which neither MongoDB 4.4 nor the local
 * stand-in has. `lastWeek` bounds the scan: later activity cannot change who is in a cohort.
 */
export function cohortsPipeline(firstWeek: number, endWeek: number, weeks: number): PipelineStage[] {
  const upper = new Date(MONDAY_EPOCH_MS + (endWeek + weeks) * WEEK_MS);
  return [
    { $match: { customerId: { $ne: null }, occurredAt: { $lt: upper } } },
    { $project: { _id: 0, customerId: 1, w: { $floor: { $divide: [{ $subtract: ['$occurredAt', new Date(MONDAY_EPOCH_MS)] }, WEEK_MS] } } } },
    { $group: { _id: '$customerId', first: { $min: '$w' }, ws: { $addToSet: '$w' } } },
    { $match: { first: { $gte: firstWeek, $lt: endWeek } } },
    { $project: { first: 1, off: { $filter: { input: { $map: { input: '$ws', as: 'w', in: { $subtract: ['$$w', '$first'] } } }, as: 'o', cond: { $lte: ['$$o', weeks] } } } } },
    { $unwind: '$off' },
    { $group: { _id: { first: '$first', off: '$off' }, n: { $sum: 1 } } },
  ];
}
