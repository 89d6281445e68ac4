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
  const byRecency = [...perChannel].sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime() || a.channel.localeCompare(b.channel));
  const latest = byRecency[0];
  if (!latest) return null;
  return {
    touchCount: perChannel.reduce((n, c) => n + c.touchCount, 0),
    channels: byRecency.map((c) => c.channel),
    firstSeenAt: new Date(Math.min(...perChannel.map((c) => c.firstSeenAt.getTime()))),
    lastSeenAt: latest.lastSeenAt,
    lastChannel: latest.channel,
  };
}
