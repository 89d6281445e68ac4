import type { PipelineStage } from 'mongoose';
import type { FunnelSpec } from '../../domain/funnel';
import { at, column, firstIndexAtOrAfter } from './timeline-expressions';

/**
 * Ordered funnel over the journey timelines, one document per customer with its touchpoints in
 * order. The entry is the first step-1 touchpoint in [from, to); each later step is the first
 * touchpoint of that step after the previous one, and counts when within the window of the entry.
 * Taking the first match is exact: times are sorted, so if the first is outside the window every
 * later one is too. So a customer costs one $indexOfArray per step (a $reduce over the steps, not
 * over the touchpoints), then customers are counted per furthest step and breakdown key.
 */
export function funnelPipeline(spec: FunnelSpec): PipelineStage[] {
  const [entry, ...later] = spec.steps;
  const key = spec.by === 'none' ? 'all' : spec.by === 'channel' ? at('$c', '$i') : at('$c', 0);
  const next = { $indexOfArray: ['$e', '$$this', { $add: ['$$value.i', 1] }] };
  const advances = { $and: ['$$value.going', { $gte: [next, 0] }, { $lte: [{ $subtract: [at('$t', next), '$t0'] }, spec.withinMs] }] };
  return [
    { $project: { _id: 0, e: column('e'), t: column('t'), ...(spec.by === 'none' ? {} : { c: column('c') }) } },
    { $addFields: { i: { $indexOfArray: ['$e', entry, firstIndexAtOrAfter('$t', spec.from)] } } },
    { $match: { i: { $gte: 0 } } },
    { $addFields: { t0: at('$t', '$i'), key } },
    { $match: { t0: { $lt: spec.to } } },
    {
      $project: {
        key: 1,
        r: {
          $reduce: {
            input: { $literal: later },
            initialValue: { k: 1, i: '$i', going: true },
            in: { $cond: [advances, { k: { $add: ['$$value.k', 1] }, i: next, going: true }, { k: '$$value.k', i: '$$value.i', going: false }] },
          },
        },
      },
    },
    { $group: { _id: { key: '$key', k: '$r.k' }, n: { $sum: 1 } } },
  ];
}
