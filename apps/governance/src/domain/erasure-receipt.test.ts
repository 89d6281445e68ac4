import { describeFailures, isVerified, receiptLines, total } from './erasure-receipt';

describe('erasure receipts', () => {
  it('joins deleted and remaining counts per service in the given order', () => {
    const lines = receiptLines(
      ['identity-graph', 'insights'],
      [
        { service: 'insights', counts: { touchFacts: 3 } },
        { service: 'identity-graph', counts: { customers: 1, identifiers: 4 } },
      ],
      [
        { service: 'identity-graph', counts: { customers: 0 } },
        { service: 'insights', counts: { touchFacts: 0 } },
      ],
    );
    expect(lines).toEqual([
      { service: 'identity-graph', deleted: { customers: 1, identifiers: 4 }, remaining: { customers: 0 } },
      { service: 'insights', deleted: { touchFacts: 3 }, remaining: { touchFacts: 0 } },
    ]);
    expect(total(lines[0]!.deleted)).toBe(5);
    expect(isVerified(lines)).toBe(true);
  });

  it('is not verified when a service holds something, or did not answer', () => {
    const deleted = [{ service: 'insights' as const, counts: {} }];
    expect(isVerified(receiptLines(['insights'], deleted, [{ service: 'insights', counts: { touchFacts: 1 } }]))).toBe(false);
    expect(isVerified(receiptLines(['insights', 'generation'], deleted, [{ service: 'insights', counts: {} }]))).toBe(false);
  });

  it('names the failing services from their job keys', () => {
    expect(describeFailures({ 'bull:privacy--insights:erase-r1-insights': 'boom', 'p:privacy--identity-graph:erase-r1-identity-graph': 'down' })).toBe(
      'identity-graph: down; insights: boom',
    );
  });
});
