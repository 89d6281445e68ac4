import type { Channel } from '@c360/contracts';
import type { Connection, Model } from 'mongoose';
import { touchpointModel, type TouchpointDoc } from '../store/touchpoint.repository';

export interface TouchpointText {
  messageId: string;
  type: string;
  event?: string;
  channel: Channel;
  occurredAt: Date;
  text: string;
}

/** Most ids one question may name: a customer.updated carries at most one resolved batch's touchpoints. */
export const MAX_TEXT_IDS = 1_000;

/** Reads touchpoints' free text by messageId, for services that analyse it. */
export class TouchpointTextRepository {
  private readonly model: Model<TouchpointDoc>;

  constructor(connection: Connection) {
    this.model = touchpointModel(connection);
  }

  /** Those of the touchpoints that carry non-blank text; ids without a stored touchpoint or text are left out. */
  async textsOf(messageIds: readonly string[]): Promise<TouchpointText[]> {
    if (messageIds.length === 0) return [];
    const docs = await this.model
      .find({ _id: { $in: [...new Set(messageIds)] }, text: { $type: 'string' } }, { type: 1, event: 1, channel: 1, occurredAt: 1, text: 1 })
      .lean<Pick<TouchpointDoc, '_id' | 'type' | 'event' | 'channel' | 'occurredAt' | 'text'>[]>();
    return docs.flatMap((d) =>
      d.text && d.text.trim() !== '' ? [{ messageId: d._id, type: d.type, event: d.event, channel: d.channel, occurredAt: d.occurredAt, text: d.text }] : [],
    );
  }
}
