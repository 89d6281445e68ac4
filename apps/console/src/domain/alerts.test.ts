import { alertsTable } from './alerts';
import { toCsv } from './csv';

describe('journey alerts table', () => {
  it('holds one row per alert with rounded figures, the same in the CSV', () => {
    const table = alertsTable([
      {
        kind: 'DROP_OFF_SPIKE',
        metric: 'drop_off_rate',
        step: 'Checkout Started',
        segment: 'all',
        from: 'Product Added',
        to: 'Checkout Started',
        baseline: 0.21234,
        observed: 0.4871,
        score: 3.456,
        detectedAt: '2026-12-01T08:00:00Z',
      },
    ]);
    expect(table.rows).toEqual([
      ['1 Dec 2026, 08:00 UTC', 'Drop off spike', 'drop_off_rate', 'Checkout Started', 'Product Added → Checkout Started', 'all', 0.212, 0.487, 3.46],
    ]);
    expect(toCsv(table.columns, table.rows).split('\r\n')[1]).toBe(
      '"1 Dec 2026, 08:00 UTC",Drop off spike,drop_off_rate,Checkout Started,Product Added → Checkout Started,all,0.212,0.487,3.46',
    );
  });
});
