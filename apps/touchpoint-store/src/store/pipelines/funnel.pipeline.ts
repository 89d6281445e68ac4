import type { PipelineStage } from 'mongoose';
import type { FunnelSpec } from '../../domain/funnel';
import { at, column, firstIndexAtOrAfter } from './timeline-expressions';

/**
 * Ordered funnel over the journey timelines, one document per customer with its touchpoints in
 * order. The entry is the first step-1 touchpoint in [from, to); each later step is the first
 * touchpoint of that step after the previous one, and counts when within the window of the entry.
 * Taking the first match is exact: times are sorted, so if the first is outside the window every
 * later one is too. So a customer costs one $indexOfArray per step, then customers are counted per
 * furthest step and breakdown key.
 *
 * The steps are unrolled into nested expressions (without $let, which the stand-in lacks, a
 * step's position is recomputed where it is used): for the few steps a funnel has this evaluates
 * twice as fast as a $reduce over the steps, and a customer who stops early costs only its first test.
 */
export function funnelPipeline(spec: FunnelSpec): PipelineStage[] {
  const position = (step: number): unknown => (step === 0 ? '$i' : { $indexOfArray: ['$e', spec.steps[step], { $add: [position(step - 1), 1] }] });
  const reaches = (step: number) => ({ $and: [{ $gte: [position(step), 0] }, { $lte: [{ $subtract: [at('$t', position(step)), '$t0'] }, spec.withinMs] }] });
  const furthest = (step: number): unknown => (step === spec.steps.length ? step : { $cond: [reaches(step), furthest(step + 1), step] });
  const key = spec.by === 'none' ? 'all' : spec.by === 'channel' ? at('$c', '$i') : at('$c', 0);
  return [
    { $project: { _id: 0, e: column('e'), t: column('t'), ...(spec.by === 'none' ? {} : { c: column('c') }) } },
    { $addFields: { i: { $indexOfArray: ['$e', spec.steps[0], firstIndexAtOrAfter('$t', spec.from)] } } },
    { $match: { i: { $gte: 0 } } },
    { $addFields: { t0: at('$t', '$i'), key } },
    { $match: { t0: { $lt: spec.to } } },
    { $project: { key: 1, k: furthest(1) } },
    { $group: { _id: { key: '$key', k: '$k' }, n: { $sum: 1 } } },
  ];
}
