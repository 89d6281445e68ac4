import { assignStage, DEFAULT_STAGE_RULES, tallyEvents, type EventTally } from './journey-stage';

const tally = (eventKey: string, times: number[]): EventTally => ({
  eventKey,
  count: times.length,
  recent: times.map((t, i) => ({ messageId: `${eventKey}-${i}`, occurredAt: new Date(t), channel: 'web' })),
});

describe('assignStage', () => {
  it('gives the most advanced stage whose rule holds, with the touchpoints that satisfied it', () => {
    const a = assignStage(DEFAULT_STAGE_RULES, [tally('page', [1, 2]), tally('Product Viewed', [3]), tally('Order Completed', [5]), tally('purchase', [4])]);
    expect(a?.stage).toBe('retention');
    expect(a?.evidence.map((e) => e.messageId)).toEqual(['Order Completed-0', 'purchase-0']);
  });

  it('falls back to awareness for any touchpoint and to null for none', () => {
    expect(assignStage(DEFAULT_STAGE_RULES, [tally('Email Opened', [1])])?.stage).toBe('awareness');
    expect(assignStage(DEFAULT_STAGE_RULES, [])).toBeNull();
  });

  it('follows configured rules whatever their order', () => {
    const rules = [
      { stage: 'consideration' as const, events: ['page'], minCount: 3 },
      { stage: 'advocacy' as const, events: ['Review Written'], minCount: 1 },
    ];
    expect(assignStage(rules, [tally('page', [1, 2])])).toBeNull();
    expect(assignStage(rules, [tally('page', [1, 2, 3])])?.stage).toBe('consideration');
    expect(assignStage(rules, [tally('page', [1, 2, 3]), tally('Review Written', [9])])?.evidence).toEqual([
      { messageId: 'Review Written-0', eventKey: 'Review Written', occurredAt: new Date(9), channel: 'web' },
    ]);
  });
});

describe('tallyEvents', () => {
  it('counts per event name and keeps the newest few whatever order the touchpoints come in, ties by messageId', () => {
    const touch = (id: string, eventKey: string, t: number) => ({ _id: id, eventKey, occurredAt: new Date(t), channel: 'web' as const });
    const tallies = tallyEvents([touch('b', 'view', 5), touch('a', 'view', 9), touch('d', 'buy', 7), touch('c', 'view', 9), touch('e', 'view', 1)], 2);
    expect(tallies.sort((x, y) => x.eventKey.localeCompare(y.eventKey))).toEqual([
      { eventKey: 'buy', count: 1, recent: [{ messageId: 'd', occurredAt: new Date(7), channel: 'web' }] },
      {
        eventKey: 'view',
        count: 4,
        recent: [
          { messageId: 'a', occurredAt: new Date(9), channel: 'web' },
          { messageId: 'c', occurredAt: new Date(9), channel: 'web' },
        ],
      },
    ]);
    expect(tallyEvents([], 3)).toEqual([]);
  });
});
