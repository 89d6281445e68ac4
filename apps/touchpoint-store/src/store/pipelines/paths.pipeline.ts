import type { PipelineStage } from 'mongoose';
import type { PathsSpec } from '../../domain/paths';
import { at, column, firstIndexAtOrAfter } from './timeline-expressions';

const indices = (array: unknown) => ({ $range: [0, { $size: array }] });

/**
 * Paths to a conversion over the journey timelines: per customer, the first conversion in
 * [since, until) (an $indexOfArray from the first touchpoint at or after `since`), the events
 * before it with consecutive repeats collapsed (a slice of the compiled runs), optionally from the
 * last `from`, cut to the nearest maxLength − 1 steps; then customers counted per path, and from
 * those counts the top paths and the step-to-step transitions in one $facet.
 */
export function pathsPipeline(spec: PathsSpec): PipelineStage[] {
  // The events before the conversion with consecutive repeats collapsed: from the compiled runs
  // when they are current (the runs of the first ci entries), else worked out entry by entry.
  const collapsed = {
    $map: {
      input: {
        $filter: {
          input: { $range: [0, '$ci'] },
          as: 'i',
          cond: { $or: [{ $eq: ['$$i', 0] }, { $ne: [at('$e', '$$i'), at('$e', { $subtract: ['$$i', 1] })] }] },
        },
      },
      as: 'i',
      in: at('$e', '$$i'),
    },
  };
  const compiledRuns = { $cond: [{ $eq: ['$ci', 0] }, [], { $slice: ['$re', { $add: [at('$rn', { $subtract: ['$ci', 1] }), 1] }] }] };
  const fromStage: PipelineStage[] =
    spec.from === null
      ? []
      : [
          {
            $project: {
              p: 1,
              lf: { $reduce: { input: indices('$p'), initialValue: -1, in: { $cond: [{ $eq: [at('$p', '$$this'), spec.from] }, '$$this', '$$value'] } } },
            },
          },
          { $match: { lf: { $gte: 0 } } },
          { $project: { p: { $slice: ['$p', '$lf', { $max: [{ $subtract: [{ $size: '$p' }, '$lf'] }, 1] }] } } },
        ];
  return [
    { $project: { _id: 0, e: column('e'), t: column('t'), current: { $eq: ['$n', '$cn'] }, re: 1, rn: 1 } },
    { $addFields: { ci: { $indexOfArray: ['$e', spec.to, firstIndexAtOrAfter('$t', spec.since)] } } },
    { $match: { ci: { $gte: 0 } } },
    { $match: { $expr: { $lt: [at('$t', '$ci'), spec.until] } } },
    { $project: { p: { $cond: ['$current', compiledRuns, collapsed] } } },
    ...fromStage,
    { $project: { path: { $concatArrays: [{ $slice: ['$p', -(spec.maxLength - 1)] }, { $literal: [spec.to] }] } } },
    // Grouped by the path joined into a string: the stand-in groups array keys wrongly.
    {
      $project: {
        path: 1,
        key: { $reduce: { input: '$path', initialValue: '', in: { $concat: ['$$value', { $cond: [{ $eq: ['$$value', ''] }, '', ' > '] }, '$$this'] } } },
      },
    },
    // Counted per distinct path first: transitions are then summed over paths, not over customers.
    { $group: { _id: '$key', path: { $first: '$path' }, count: { $sum: 1 } } },
    {
      $facet: {
        conversions: [{ $group: { _id: null, n: { $sum: '$count' } } }],
        paths: [{ $sort: { count: -1, _id: 1 } }, { $limit: spec.top }],
        transitions: [
          {
            $project: {
              count: 1,
              pairs: {
                $map: {
                  input: { $range: [0, { $subtract: [{ $size: '$path' }, 1] }] },
                  as: 'i',
                  in: { step: '$$i', from: at('$path', '$$i'), to: at('$path', { $add: ['$$i', 1] }) },
                },
              },
            },
          },
          { $unwind: '$pairs' },
          { $group: { _id: { step: '$pairs.step', from: '$pairs.from', to: '$pairs.to' }, count: { $sum: '$count' } } },
        ],
      },
    },
  ];
}
