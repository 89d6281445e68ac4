import type { PipelineStage } from 'mongoose';
import { at, column } from './timeline-expressions';

/**
 * Cohort retention over the journey timelines: customers whose first touchpoint falls in
 * [firstWeek, endWeek), their distinct active weeks (compiled, or from the entries when the
 * compiled columns are behind) as offsets from the first, then customers counted per
 * (first week, offset) up to `weeks`.
 */
export function cohortsPipeline(firstWeek: number, endWeek: number, weeks: number): PipelineStage[] {
  return [
    { $project: { _id: 0, first: at(column('w'), 0), ws: { $cond: [{ $eq: ['$n', '$cn'] }, '$wd', { $setUnion: ['$s.w', []] }] } } },
    { $match: { first: { $gte: firstWeek, $lt: endWeek } } },
    {
      $project: {
        first: 1,
        off: { $filter: { input: { $map: { input: '$ws', as: 'w', in: { $subtract: ['$$w', '$first'] } } }, as: 'o', cond: { $lte: ['$$o', weeks] } } },
      },
    },
    { $unwind: '$off' },
    { $group: { _id: { first: '$first', off: '$off' }, n: { $sum: 1 } } },
  ];
}
