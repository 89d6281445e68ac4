import type { Channel } from '@c360/contracts';

/** Touches on one channel (the shape of service-kit's ChannelTouches, restated so domain/ imports no store). */
export interface ChannelEngagement {
  channel: Channel;
  touchCount: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

export interface Engagement {
  touchCount: number;
  firstSeenAt: Date | null;
  lastSeenAt: Date | null;
  lastChannel: Channel | null;
  channels: ChannelEngagement[];
}

/** Rolls per-channel figures up into one customer's engagement, channels most recent first. */
export function summariseEngagement(perChannel: readonly ChannelEngagement[]): Engagement {
  const channels = [...perChannel].sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime() || a.channel.localeCompare(b.channel));
  const first = channels.reduce<Date | null>((min, c) => (min === null || c.firstSeenAt < min ? c.firstSeenAt : min), null);
  return {
    touchCount: channels.reduce((sum, c) => sum + c.touchCount, 0),
    firstSeenAt: first,
    lastSeenAt: channels[0]?.lastSeenAt ?? null,
    lastChannel: channels[0]?.channel ?? null,
    channels,
  };
}
