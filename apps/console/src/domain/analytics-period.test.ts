import { addDays, defaultPeriod, PERIOD_LIMIT_DAYS, periodDays, periodInputBounds, periodProblem, periodRange } from './analytics-period';

describe('the analytics period', () => {
  it('opens on the last 90 days up to and including today, in UTC, within every panel cap', () => {
    // 23:30 in New York is already the next day in UTC: the period follows UTC, as the services count days.
    const p = defaultPeriod(new Date('2026-12-05T23:30:00-05:00'));
    expect(p).toEqual({ from: '2026-09-08', to: '2026-12-07' });
    expect(periodDays(p)).toBe(90);
    for (const cap of Object.values(PERIOD_LIMIT_DAYS)) expect(periodProblem(p, cap)).toBeNull();
  });

  it('crosses a leap day and a year end by calendar days', () => {
    expect(defaultPeriod(new Date('2028-03-01T08:00:00Z'))).toEqual({ from: '2027-12-03', to: '2028-03-02' });
    expect(periodDays({ from: '2028-02-28', to: '2028-03-01' })).toBe(2);
  });

  it('gives the operations midnight UTC of each day, and nothing while a day is being typed or impossible', () => {
    expect(periodRange({ from: '2026-01-01', to: '2026-02-01' })).toEqual({ from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' });
    expect(periodRange({ from: '', to: '2026-02-01' })).toBeNull();
    expect(periodRange({ from: '2026-02-31', to: '2026-04-01' })).toBeNull();
    expect(periodRange({ from: '2026-02-01', to: '2026-02-01' })).toBeNull();
  });

  it("says a panel's cap before the panel is asked, and lets a period of exactly the cap through", () => {
    expect(periodProblem({ from: '2025-01-01', to: '2026-01-02' }, 366)).toBeNull();
    expect(periodProblem({ from: '2025-01-01', to: '2026-01-03' }, 366)).toBe('The period spans 367 days; this panel reads at most 366. Narrow the period.');
    expect(periodProblem({ from: '2025-01-01', to: '2027-01-01' }, PERIOD_LIMIT_DAYS.journeys)).toBeNull();
    expect(periodProblem({ from: '2026-03-01', to: '2026-02-01' }, 366)).toBe('The period must end after it starts.');
    expect(periodProblem({ from: '', to: '2026-02-01' }, 366)).toBe('Choose a start and an end day.');
  });

  it('bounds the date inputs: the start a day before the end at most, the span within the cap', () => {
    expect(periodInputBounds({ from: '2026-01-01', to: '2026-03-01' }, 732)).toEqual({
      fromMin: '2024-02-28',
      fromMax: '2026-02-28',
      toMin: '2026-01-02',
      toMax: '2028-01-03',
    });
    expect(periodInputBounds({ from: '', to: '2026-03-01' }, 732)).toEqual({
      fromMin: '2024-02-28',
      fromMax: '2026-02-28',
      toMin: undefined,
      toMax: undefined,
    });
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
