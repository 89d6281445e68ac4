import type { ChannelFamily } from '@c360/contracts';
import type { Model } from 'mongoose';
import { tallyEvents, type EventTally, type TalliedTouch } from '../domain/journey-stage';
import { sessionise, type Session, type SessionTouch } from '../domain/sessions';
import type { TouchpointDoc } from './touchpoint.repository';

/**
 * Reads about one customer's journey as a whole (sessions, stage tallies): the touchpoints are read
 * through the (customerId, occurredAt, _id) index and worked out by the domain functions.
 *
 * Not an aggregation ($sort, then $group with $push): that relies on $push keeping the order of
 * $sort, which MongoDB does but no specification promises, and DocumentDB (FerretDB 2) does not,
 * which gave sessions spanning hours backwards and the wrong recent evidence.
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
    const touches = await this.model
      .find(match, { _id: 0, channel: 1, family: 1, eventKey: 1, occurredAt: 1 })
      .sort({ occurredAt: 1, _id: 1 })
      .lean<SessionTouch[]>();
    return sessionise(touches, gapMs);
  }

  async eventTallies(customerIds: readonly string[], recent: number): Promise<EventTally[]> {
    const touches = await this.model.find({ customerId: { $in: customerIds } }, { eventKey: 1, occurredAt: 1, channel: 1 }).lean<TalliedTouch[]>();
    return tallyEvents(touches, recent);
  }
}
