import type { PipelineStage } from 'mongoose';

/**
 * Sessions of one customer as an aggregation: touchpoints per channel family in time order, a
 * session starting wherever the gap to the previous touchpoint exceeds `gapMs`.
 *
 * Portable formulation (runs on MongoDB 4.4+ and on the local mongo-java-server): session starts
 * are found with $filter over array indices and sessions built with $map, because the stand-in
 * neither has $setWindowFields nor evaluates expressions inside array literals in $reduce.
 */
export function sessionsPipeline(match: Record<string, unknown>, gapMs: number): PipelineStage[] {
  const size = { $size: '$ts' };
  const gap = (i: unknown) => ({ $subtract: [{ $arrayElemAt: ['$ts', i] }, { $arrayElemAt: ['$ts', { $subtract: [i, 1] }] }] });
  const endOf = { $cond: [{ $lt: [{ $add: ['$$j', 1] }, { $size: '$starts' }] }, { $arrayElemAt: ['$starts', { $add: ['$$j', 1] }] }, size] };
  const startOf = { $arrayElemAt: ['$starts', '$$j'] };
  const count = { $subtract: [endOf, startOf] };
  return [
    { $match: match },
    { $sort: { occurredAt: 1, _id: 1 } },
    { $group: { _id: '$family', ts: { $push: '$occurredAt' }, chs: { $push: '$channel' }, evs: { $push: '$eventKey' } } },
    {
      $project: {
        ts: 1,
        chs: 1,
        evs: 1,
        starts: { $filter: { input: { $range: [0, size] }, as: 'i', cond: { $or: [{ $eq: ['$$i', 0] }, { $gt: [gap('$$i'), gapMs] }] } } },
      },
    },
    {
      $project: {
        sessions: {
          $map: {
            input: { $range: [0, { $size: '$starts' }] },
            as: 'j',
            in: {
              family: '$_id',
              startedAt: { $arrayElemAt: ['$ts', startOf] },
              endedAt: { $arrayElemAt: ['$ts', { $subtract: [endOf, 1] }] },
              touchpointCount: count,
              channels: { $setUnion: [{ $slice: ['$chs', startOf, count] }, []] },
              eventNames: { $setUnion: [{ $slice: ['$evs', startOf, count] }, []] },
            },
          },
        },
      },
    },
    { $unwind: '$sessions' },
    { $replaceRoot: { newRoot: '$sessions' } },
    { $sort: { startedAt: 1, family: 1 } },
  ];
}
