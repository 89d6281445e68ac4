import type { Channel } from '@c360/contracts';
import type { Model } from 'mongoose';
import type { TimelineEntry } from '../domain/journey-timeline';
import type { JourneyTimelineDoc } from '../store/journey-timeline.repository';
import type { TouchpointDoc } from '../store/touchpoint.repository';

export interface AnonymousTouch {
  at: Date;
  event: string;
  channel: Channel;
  campaign: string | null;
}

export interface AnonymousJourney {
  firstSeenAt: Date;
  firstChannel: Channel;
  touches: AnonymousTouch[];
}

function toTouch(e: TimelineEntry, campaigns: Map<string, string>): AnonymousTouch {
  return { at: e.t, event: e.e, channel: e.c as Channel, campaign: campaigns.get(e.m) ?? null };
}

/** Property names a touchpoint may carry its campaign under, first found wins. */
const CAMPAIGN_PROPERTIES = ['campaignId', 'campaign', 'utm_campaign'] as const;

/**
 * Reads journeys for population analytics: the timelines (one document per customer, already in time
 * order) give event, channel and time; only the campaign label is read from the touchpoints' properties,
 * and nothing else of them. Paged by customer id, which the cursor carries opaquely (callers are services).
 */
export class AnonymousJourneyRepository {
  constructor(
    private readonly timelines: Model<JourneyTimelineDoc>,
    private readonly touchpoints: Model<TouchpointDoc>,
  ) {}

  async page(
    range: { from: Date; to: Date },
    first: number,
    after: string | null,
  ): Promise<{ journeys: AnonymousJourney[]; last: string | null; more: boolean }> {
    const filter = { s: { $elemMatch: { t: { $gte: range.from, $lt: range.to } } }, ...(after === null ? {} : { _id: { $gt: after } }) };
    const docs = await this.timelines
      .find(filter, { s: 1 })
      .sort({ _id: 1 })
      .limit(first + 1)
      .lean<Pick<JourneyTimelineDoc, '_id' | 's'>[]>();
    const more = docs.length > first;
    const kept = docs.slice(0, first);
    const inRange = kept.map((d) => d.s.filter((e) => e.t >= range.from && e.t < range.to));
    const campaigns = await this.campaignsOf(inRange.flat().map((e) => e.m));
    const journeys = kept.flatMap((d, i) => {
      const first = d.s[0];
      const touches = inRange[i] ?? [];
      return first ? [{ firstSeenAt: first.t, firstChannel: first.c as Channel, touches: touches.map((e) => toTouch(e, campaigns)) }] : [];
    });
    return { journeys, last: kept[kept.length - 1]?._id ?? null, more };
  }

  private async campaignsOf(messageIds: string[]): Promise<Map<string, string>> {
    if (messageIds.length === 0) return new Map();
    const projection = Object.fromEntries(CAMPAIGN_PROPERTIES.map((p) => [`properties.${p}`, 1]));
    const docs = await this.touchpoints.find({ _id: { $in: messageIds } }, projection).lean<Pick<TouchpointDoc, '_id' | 'properties'>[]>();
    const found = new Map<string, string>();
    for (const d of docs) {
      const label = CAMPAIGN_PROPERTIES.map((p) => d.properties?.[p]).find((v) => typeof v === 'string' && v.length > 0);
      if (typeof label === 'string') found.set(d._id, label.slice(0, 128));
    }
    return found;
  }
}
