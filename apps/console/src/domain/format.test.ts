import { daysUntil, deletedCounts, dueLabel, formatDateTime, formatMoney, formatPercent, humanise } from './format';

describe('format', () => {
  const now = new Date('2026-12-05T12:00:00Z');

  it('counts whole days to a due date, negative when overdue', () => {
    expect(daysUntil('2026-12-08T12:00:00Z', now)).toBe(3);
    expect(dueLabel('2026-12-08T12:00:00Z', now)).toBe('due in 3 days');
    expect(dueLabel('2026-12-05T18:00:00Z', now)).toBe('due today');
    expect(dueLabel('2026-12-04T11:00:00Z', now)).toBe('overdue by 2 days');
    expect(dueLabel('2026-12-05T06:00:00Z', now)).toBe('overdue by 1 day');
  });

  it('shows dates in UTC and a dash for none or nonsense', () => {
    expect(formatDateTime('2026-10-01T09:05:00Z')).toBe('1 Oct 2026, 09:05 UTC');
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('not a date')).toBe('—');
  });

  it('formats rates, money and enum values', () => {
    expect(formatPercent(0.4567)).toBe('45.7%');
    expect(formatPercent(Number.NaN)).toBe('—');
    expect(formatMoney({ amount: 120.5, currency: 'EUR' })).toBe('€120.50');
    expect(formatMoney({ amount: 3, currency: 'NOT-A-CODE' })).toBe('3 NOT-A-CODE');
    expect(humanise('CALL_CENTER')).toBe('Call center');
  });
});

describe('deletedCounts', () => {
  it('names what was deleted in words and leaves out empty stores', () => {
    expect(deletedCounts('{"customers":2,"merges":0,"touchFacts":3}')).toBe('customers 2 · touch facts 3');
    expect(deletedCounts('{"drafts":0}')).toBe('nothing held');
    expect(deletedCounts('not json')).toBe('not json');
  });
});
