import type { PipelineStage } from 'mongoose';
import type { FunnelSpec } from '../../domain/funnel';

const at = (arr: string, i: unknown) => ({ $arrayElemAt: [arr, i] });

/**
 * Ordered funnel as one aggregation: each customer's candidate touchpoints in order, a $reduce that
 * walks them advancing through the steps (entry in [from, to), later steps within the window of the
 * entry), then customers counted per furthest step and breakdown key.
 *
 * Portable to MongoDB 4.4+ and the local stand-in: $reduce walks array indices rather than
 * elements and its state holds scalars only (the stand-in evaluates no expressions inside array
 * literals), and $setWindowFields (5.0+) is not used.
 */
export function funnelPipeline(spec: FunnelSpec): PipelineStage[] {
  const upper = new Date(spec.to.getTime() + spec.withinMs);
  // First-touch breakdown needs every earlier touchpoint of the customer, not only the steps.
  const match =
    spec.by === 'first_touch_channel'
      ? { customerId: { $ne: null }, occurredAt: { $lt: upper } }
      : { customerId: { $ne: null }, eventKey: { $in: [...new Set(spec.steps)] }, occurredAt: { $gte: spec.from, $lt: upper } };
  const t = at('$t', '$$this');
  const advances = {
    $and: [
      { $lt: ['$$value.k', spec.steps.length] },
      { $eq: [at('$e', '$$this'), { $arrayElemAt: [{ $literal: spec.steps }, '$$value.k'] }] },
      {
        $cond: [
          { $eq: ['$$value.k', 0] },
          { $and: [{ $gte: [t, spec.from] }, { $lt: [t, spec.to] }] },
          { $lte: [{ $subtract: [t, '$$value.t0'] }, spec.withinMs] },
        ],
      },
    ],
  };
  const key = spec.by === 'none' ? 'all' : spec.by === 'channel' ? '$r.ch' : at('$c', 0);
  return [
    { $match: match },
    { $sort: { customerId: 1, occurredAt: 1, _id: 1 } },
    { $group: { _id: '$customerId', e: { $push: '$eventKey' }, t: { $push: '$occurredAt' }, c: { $push: '$channel' } } },
    {
      $project: {
        c: 1,
        r: {
          $reduce: {
            input: { $range: [0, { $size: '$e' }] },
            initialValue: { k: 0, t0: null, ch: null },
            in: {
              $cond: [
                advances,
                {
                  k: { $add: ['$$value.k', 1] },
                  t0: { $cond: [{ $eq: ['$$value.k', 0] }, t, '$$value.t0'] },
                  ch: { $cond: [{ $eq: ['$$value.k', 0] }, at('$c', '$$this'), '$$value.ch'] },
                },
                '$$value',
              ],
            },
          },
        },
      },
    },
    { $match: { 'r.k': { $gt: 0 } } },
    { $group: { _id: { key, k: '$r.k' }, n: { $sum: 1 } } },
  ];
}
