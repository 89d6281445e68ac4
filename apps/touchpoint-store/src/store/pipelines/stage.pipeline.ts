import type { PipelineStage } from 'mongoose';

/** Per event name: how many touchpoints one customer has, and the most recent few as evidence. */
export function eventTallyPipeline(match: Record<string, unknown>, recent: number): PipelineStage[] {
  return [
    { $match: match },
    { $sort: { occurredAt: -1, _id: 1 } },
    { $group: { _id: '$eventKey', count: { $sum: 1 }, recent: { $push: { messageId: '$_id', occurredAt: '$occurredAt', channel: '$channel' } } } },
    { $project: { _id: 0, eventKey: '$_id', count: 1, recent: { $slice: ['$recent', recent] } } },
  ];
}
