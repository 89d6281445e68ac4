import { linkJobSchema, parseBatchJob } from './jobs';

const link = (messageId: string) => ({ messageId, customerId: 'c1', mergedCustomerIds: [], linkedAt: '2026-06-01T10:00:00.000Z' });

describe('parseBatchJob', () => {
  it('reads a batch item by item, keeping the good items and naming the bad ones by position', () => {
    const parsed = parseBatchJob(linkJobSchema, { items: [link('a'), { messageId: 'b' }, link('c')] });
    expect(parsed?.items.map((i) => i.messageId)).toEqual(['a', 'c']);
    expect(parsed?.malformed).toHaveLength(1);
    expect(parsed?.malformed[0]?.index).toBe(1);
    expect(parsed?.malformed[0]?.reason).toMatch(/customerId/);
  });

  it('reads a job of the older one-item shape as a batch of one', () => {
    expect(parseBatchJob(linkJobSchema, link('a'))).toEqual({ items: [link('a')], malformed: [] });
  });

  it('answers null for a job that is neither a batch nor a good single item', () => {
    expect(parseBatchJob(linkJobSchema, { messageId: 'x' })).toBeNull();
    expect(parseBatchJob(linkJobSchema, { items: [] })).toBeNull();
    expect(parseBatchJob(linkJobSchema, 'text')).toBeNull();
  });

  it('keeps a batch whose every item is bad, for the caller to report them', () => {
    expect(parseBatchJob(linkJobSchema, { items: [{}, {}] })?.malformed.map((m) => m.index)).toEqual([0, 1]);
  });
});
