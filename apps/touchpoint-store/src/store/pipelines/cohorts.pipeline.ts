import type { PipelineStage } from 'mongoose';
import { weekStart } from '../../domain/cohorts';
import { at, column } from './timeline-expressions';

/**
 * Cohort retention over the journey timelines: customers whose first touchpoint falls in
 * [firstWeek, endWeek) (the first entry of a sorted timeline, matched as a plain field), their
 * distinct active weeks as offsets from the first (each entry carries its week index), then
 * customers counted per (first week, offset) up to `weeks`.
 */
export function cohortsPipeline(firstWeek: number, endWeek: number, weeks: number): PipelineStage[] {
  return [
    { $match: { 's.0.t': { $gte: weekStart(firstWeek), $lt: weekStart(endWeek) } } },
    { $project: { _id: 0, ws: column('w') } },
    { $project: { first: at('$ws', 0), ws: { $setUnion: ['$ws', []] } } },
    { $project: { first: 1, off: { $filter: { input: { $map: { input: '$ws', as: 'w', in: { $subtract: ['$$w', '$first'] } } }, as: 'o', cond: { $lte: ['$$o', weeks] } } } } },
    { $unwind: '$off' },
    { $group: { _id: { first: '$first', off: '$off' }, n: { $sum: 1 } } },
  ];
}
