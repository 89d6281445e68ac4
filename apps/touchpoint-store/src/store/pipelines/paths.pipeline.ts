import type { PipelineStage } from 'mongoose';
import type { PathsSpec } from '../../domain/paths';

const at = (arr: unknown, i: unknown) => ({ $arrayElemAt: [arr, i] });
const indices = (arr: unknown) => ({ $range: [0, { $size: arr }] });

/**
 * Paths to a conversion as one aggregation: per customer, the first conversion in [since, until),
 * the events before it with consecutive repeats collapsed, optionally from the last `from`, cut to
 * the nearest maxLength − 1 steps; then top paths and step-to-step transitions in one $facet.
 * Arrays are built with $filter/$map/$slice over indices (portable; see funnel.pipeline.ts).
 */
export function pathsPipeline(spec: PathsSpec): PipelineStage[] {
  const conversionIndex = {
    $arrayElemAt: [
      { $filter: { input: indices('$e'), as: 'i', cond: { $and: [{ $eq: [at('$e', '$$i'), spec.to] }, { $gte: [at('$t', '$$i'), spec.since] }] } } },
      0,
    ],
  };
  const collapsed = {
    $map: {
      input: { $filter: { input: { $range: [0, '$ci'] }, as: 'i', cond: { $or: [{ $eq: ['$$i', 0] }, { $ne: [at('$e', '$$i'), at('$e', { $subtract: ['$$i', 1] })] }] } } },
      as: 'i',
      in: at('$e', '$$i'),
    },
  };
  const fromStage: PipelineStage[] =
    spec.from === null
      ? []
      : [
          { $project: { p: 1, lf: { $reduce: { input: indices('$p'), initialValue: -1, in: { $cond: [{ $eq: [at('$p', '$$this'), spec.from] }, '$$this', '$$value'] } } } } },
          { $match: { lf: { $gte: 0 } } },
          { $project: { p: { $slice: ['$p', '$lf', { $max: [{ $subtract: [{ $size: '$p' }, '$lf'] }, 1] }] } } },
        ];
  return [
    { $match: { customerId: { $ne: null }, occurredAt: { $lt: spec.until } } },
    { $sort: { customerId: 1, occurredAt: 1, _id: 1 } },
    { $group: { _id: '$customerId', e: { $push: '$eventKey' }, t: { $push: '$occurredAt' } } },
    { $project: { e: 1, ci: conversionIndex } },
    { $match: { ci: { $gte: 0 } } },
    { $project: { p: collapsed } },
    ...fromStage,
    { $project: { path: { $concatArrays: [{ $slice: ['$p', -(spec.maxLength - 1)] }, { $literal: [spec.to] }] } } },
    { $project: { path: 1, key: { $reduce: { input: '$path', initialValue: '', in: { $concat: ['$$value', { $cond: [{ $eq: ['$$value', ''] }, '', ' > '] }, '$$this'] } } } } },
    {
      $facet: {
        conversions: [{ $count: 'n' }],
        paths: [{ $group: { _id: '$key', path: { $first: '$path' }, count: { $sum: 1 } } }, { $sort: { count: -1, _id: 1 } }, { $limit: spec.top }],
        transitions: [
          { $project: { pairs: { $map: { input: { $range: [0, { $subtract: [{ $size: '$path' }, 1] }] }, as: 'i', in: { step: '$$i', from: at('$path', '$$i'), to: at('$path', { $add: ['$$i', 1] }) } } } } },
          { $unwind: '$pairs' },
          { $group: { _id: { step: '$pairs.step', from: '$pairs.from', to: '$pairs.to' }, count: { $sum: 1 } } },
        ],
      },
    },
  ];
}
