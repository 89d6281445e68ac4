import { assignStage, DEFAULT_STAGE_RULES, type EventTally } from './journey-stage';

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
