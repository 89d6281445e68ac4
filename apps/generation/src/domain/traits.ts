import type { Channel } from '@c360/contracts';

export interface ChannelTouchCount {
  channel: Channel;
  touchCount: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

/** What generation may know of a customer: behaviour only, never identifiers or names. */
export interface CustomerTraits {
  touchCount: number;
  channels: Channel[];
  firstSeenAt: Date;
  lastSeenAt: Date;
  lastChannel: Channel;
}

export function traitsFrom(perChannel: readonly ChannelTouchCount[]): CustomerTraits | null {
  if (perChannel.length === 0) return null;
  const byRecency = [...perChannel].sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime() || a.channel.localeCompare(b.channel));
  return {
    touchCount: perChannel.reduce((n, c) => n + c.touchCount, 0),
    channels: byRecency.map((c) => c.channel),
    firstSeenAt: new Date(Math.min(...perChannel.map((c) => c.firstSeenAt.getTime()))),
    lastSeenAt: byRecency[0]!.lastSeenAt,
    lastChannel: byRecency[0]!.channel,
  };
}
