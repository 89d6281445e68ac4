import type { Channel, ChannelFamily } from '@c360/contracts';

export interface SessionTouch {
  channel: Channel;
  family: ChannelFamily;
  eventKey: string;
  occurredAt: Date;
}

export interface Session {
  family: ChannelFamily;
  startedAt: Date;
  endedAt: Date;
  touchpointCount: number;
  channels: Channel[];
  eventNames: string[];
}

/**
 * Sessions by the plain definition: per channel family, touchpoints in time order, a new session
 * whenever the gap since the previous touchpoint of that family exceeds `gapMs`. Sorted by start,
 * then family. The store computes the same in MongoDB; this is the reference its tests check against.
 */
export function sessionise(touches: readonly SessionTouch[], gapMs: number): Session[] {
  const byFamily = new Map<ChannelFamily, SessionTouch[]>();
  for (const t of [...touches].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())) {
    byFamily.set(t.family, [...(byFamily.get(t.family) ?? []), t]);
  }
  const sessions: Session[] = [];
  for (const [family, list] of byFamily) {
    let current: SessionTouch[] = [];
    const close = () => {
      const [first, last] = [current[0], current.at(-1)];
      if (!first || !last) return;
      sessions.push({
        family,
        startedAt: first.occurredAt,
        endedAt: last.occurredAt,
        touchpointCount: current.length,
        channels: [...new Set(current.map((t) => t.channel))].sort(),
        eventNames: [...new Set(current.map((t) => t.eventKey))].sort(),
      });
      current = [];
    };
    for (const t of list) {
      const last = current.at(-1);
      if (last && t.occurredAt.getTime() - last.occurredAt.getTime() > gapMs) close();
      current.push(t);
    }
    close();
  }
  return sessions.sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || a.family.localeCompare(b.family));
}
