import { compareCounts } from './count-metrics';
import { parseAmount, parseDate, readTransactions } from './transaction-file.reader';

describe('compareCounts', () => {
  it('gives totals, errors and the Pearson correlation', () => {
    const m = compareCounts([0, 2, 4], [1, 2, 3]);
    expect(m).toMatchObject({ actualTotal: 6, predictedTotal: 6 });
    expect(m.mae).toBeCloseTo(2 / 3, 12);
    expect(m.rmse).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(m.correlation).toBeCloseTo(1, 12);
    expect(compareCounts([1, 2, 3], [3, 2, 1]).correlation).toBeCloseTo(-1, 12);
  });

  it('refuses unpaired input', () => {
    expect(() => compareCounts([1], [1, 2])).toThrow(RangeError);
  });
});

describe('parseDate', () => {
  it('reads each format as the UTC day, and rejects impossible dates', () => {
    expect(parseDate('19970101', 'YYYYMMDD')?.toISOString()).toBe('1997-01-01T00:00:00.000Z');
    expect(parseDate('19970230', 'YYYYMMDD')).toBeNull();
    expect(parseDate('31/12/2010', 'DD/MM/YYYY')?.toISOString()).toBe('2010-12-31T00:00:00.000Z');
    expect(parseDate('12/31/2010 08:26', 'MM/DD/YYYY')?.toISOString()).toBe('2010-12-31T00:00:00.000Z');
    expect(parseDate('2010-12-01 08:26:00', 'iso')?.toISOString()).toBe('2010-12-01T08:26:00.000Z');
    expect(parseDate('not a date', 'iso')).toBeNull();
  });
});

describe('parseAmount', () => {
  it('reads thousands separators, currency signs and decimal commas', () => {
    expect(['29.33', '$1,200.50', '1.234,5', '12,50', '1,234', '-3.5 EUR', '', 'n/a'].map(parseAmount)).toEqual([
      29.33, 1200.5, 1234.5, 12.5, 1234, -3.5, 0, 0,
    ]);
  });
});

describe('readTransactions', () => {
  it('reads csv columns by header name and whitespace columns by position, skipping unreadable rows', () => {
    const csv = readTransactions(
      'id,when,total\nA,2020-01-02,"1,200.50"\n,2020-01-03,4\nB,soon,3\n',
      'csv',
      { customer: 'id', date: 'when', amount: 'total' },
      'iso',
    );
    expect(csv.transactions).toEqual([{ customerId: 'A', at: new Date('2020-01-02T00:00:00Z'), amount: 1200.5 }]);
    expect(csv.skipped).toBe(2);
    const ws = readTransactions(
      ' 00004 0001 19970101  2   29.33\n 00004 0001 19970118  2   29.73\n',
      'whitespace',
      { customer: '2', date: '3', amount: '5' },
      'YYYYMMDD',
    );
    expect(ws.transactions.map((t) => [t.customerId, t.amount])).toEqual([
      ['0001', 29.33],
      ['0001', 29.73],
    ]);
  });

  it('names a missing column', () => {
    expect(() => readTransactions('a,b\n1,2\n', 'csv', { customer: 'a', date: 'b', amount: 'price' }, 'iso')).toThrow(/no column named "price"/);
  });
});
