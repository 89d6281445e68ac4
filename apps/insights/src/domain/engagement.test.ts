import { summariseEngagement } from './engagement';

describe('summariseEngagement', () => {
  it('is empty for a customer never seen', () => {
    expect(summariseEngagement([])).toEqual({ touchCount: 0, firstSeenAt: null, lastSeenAt: null, lastChannel: null, channels: [] });
  });

  it('totals touches and takes first and last seen across channels', () => {
    const summary = summariseEngagement([
      { channel: 'web', touchCount: 3, firstSeenAt: new Date('2026-01-01T10:00:00Z'), lastSeenAt: new Date('2026-01-03T10:00:00Z') },
      { channel: 'call_center', touchCount: 1, firstSeenAt: new Date('2026-01-05T09:00:00Z'), lastSeenAt: new Date('2026-01-05T09:00:00Z') },
      { channel: 'store', touchCount: 2, firstSeenAt: new Date('2025-12-20T09:00:00Z'), lastSeenAt: new Date('2026-01-02T09:00:00Z') },
    ]);
    expect(summary.touchCount).toBe(6);
    expect(summary.firstSeenAt?.toISOString()).toBe('2025-12-20T09:00:00.000Z');
    expect(summary.lastSeenAt?.toISOString()).toBe('2026-01-05T09:00:00.000Z');
    expect(summary.lastChannel).toBe('call_center');
    expect(summary.channels.map((c) => c.channel)).toEqual(['call_center', 'web', 'store']);
  });
});
