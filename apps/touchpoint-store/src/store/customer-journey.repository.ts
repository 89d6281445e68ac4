import type { ChannelFamily } from '@c360/contracts';
import type { Model } from 'mongoose';
import type { EventTally } from '../domain/journey-stage';
import type { Session } from '../domain/sessions';
import { sessionsPipeline } from './pipelines/sessions.pipeline';
import { eventTallyPipeline } from './pipelines/stage.pipeline';
import type { TouchpointDoc } from './touchpoint.repository';

/**
 * Reads about one customer's journey as a whole (sessions, stage tallies). Both start with a
 * match on customerId and read through the (customerId, occurredAt, _id) index.
 */
export class CustomerJourneyRepository {
  constructor(private readonly model: Model<TouchpointDoc>) {}

  async sessions(
    customerIds: readonly string[],
    gapMs: number,
    range: { from?: Date; to?: Date; families?: readonly ChannelFamily[] } = {},
  ): Promise<Session[]> {
    const time = { ...(range.from ? { $gte: range.from } : {}), ...(range.to ? { $lt: range.to } : {}) };
    const match = {
      customerId: { $in: customerIds },
      ...(Object.keys(time).length ? { occurredAt: time } : {}),
      ...(range.families?.length ? { family: { $in: range.families } } : {}),
    };
    const rows = await this.model.aggregate<Session>(sessionsPipeline(match, gapMs));
    // $setUnion gives sets in no defined order; sorted here so answers are stable.
    return rows.map((s) => ({
      ...s,
      startedAt: new Date(s.startedAt),
      endedAt: new Date(s.endedAt),
      channels: [...s.channels].sort(),
      eventNames: [...s.eventNames].sort(),
    }));
  }

  async eventTallies(customerIds: readonly string[], recent: number): Promise<EventTally[]> {
    const rows = await this.model.aggregate<EventTally>(eventTallyPipeline({ customerId: { $in: customerIds } }, recent));
    return rows.map((r) => ({ ...r, recent: r.recent.map((x) => ({ ...x, occurredAt: new Date(x.occurredAt) })) }));
  }
}
