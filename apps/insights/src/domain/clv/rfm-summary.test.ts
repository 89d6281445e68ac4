import { summariseTransactions, type ClvTransaction } from './rfm-summary';

const at = (day: string, time = '00:00:00') => new Date(`${day}T${time}Z`);
const tx = (customerId: string, day: string, amount: number, time?: string): ClvTransaction => ({ customerId, at: at(day, time), amount });

describe('summariseTransactions', () => {
  const options = { calibrationEnd: at('2024-01-29'), observationEnd: at('2024-03-31'), periodDays: 7 };

  it('counts distinct purchase days: several rows on one day are one purchase whose amounts add up', () => {
    const [s] = summariseTransactions(
      [tx('c1', '2024-01-01', 10), tx('c1', '2024-01-08', 5, '09:00:00'), tx('c1', '2024-01-08', 7, '18:30:00'), tx('c1', '2024-01-22', 30)],
      options,
    );
    expect(s).toMatchObject({ customerId: 'c1', frequency: 2, recency: 3, T: 4 });
    // The first purchase (10) is not a repeat purchase: (12 + 30) / 2.
    expect(s?.monetary).toBe(21);
  });

  it('gives a single purchase zero frequency, zero recency and zero monetary value', () => {
    const [s] = summariseTransactions([tx('c2', '2024-01-15', 99)], options);
    expect(s).toMatchObject({ frequency: 0, recency: 0, T: 2, monetary: 0, holdoutFrequency: 0 });
  });

  it('leaves out customers whose first purchase is after the calibration end, and rows after the observation end', () => {
    const summaries = summariseTransactions([tx('late', '2024-02-01', 5), tx('c3', '2024-01-29', 5, '23:59:59'), tx('c3', '2024-05-01', 5)], options);
    expect(summaries.map((s) => s.customerId)).toEqual(['c3']);
    expect(summaries[0]).toMatchObject({ frequency: 0, T: 0, holdoutFrequency: 0 });
  });

  it('counts holdout purchase days separately, without touching the calibration figures', () => {
    const rows = [tx('c4', '2024-01-01', 10), tx('c4', '2024-01-15', 10), tx('c4', '2024-02-10', 1), tx('c4', '2024-02-10', 2), tx('c4', '2024-03-31', 3)];
    const [withHoldout] = summariseTransactions(rows, options);
    const [calibrationOnly] = summariseTransactions(rows, { calibrationEnd: options.calibrationEnd, periodDays: 7 });
    expect(withHoldout).toMatchObject({ frequency: 1, recency: 2, holdoutFrequency: 2 });
    expect(calibrationOnly).toMatchObject({ frequency: 1, recency: 2, holdoutFrequency: 0, monetary: withHoldout?.monetary });
  });

  it('measures time in the period length it is given', () => {
    const [s] = summariseTransactions([tx('c5', '2024-01-01', 1), tx('c5', '2024-01-11', 1)], { calibrationEnd: at('2024-01-29'), periodDays: 1 });
    expect(s).toMatchObject({ recency: 10, T: 28 });
  });

  it('rejects an observation end before the calibration end and a non-positive period', () => {
    expect(() => summariseTransactions([], { calibrationEnd: at('2024-02-01'), observationEnd: at('2024-01-01'), periodDays: 7 })).toThrow(RangeError);
    expect(() => summariseTransactions([], { calibrationEnd: at('2024-02-01'), periodDays: 0 })).toThrow(RangeError);
  });
});
