/** One row of a transaction log: several rows on one day are one purchase (their amounts add up). */
export interface ClvTransaction {
  customerId: string;
  at: Date;
  amount: number;
}

/**
 * What the models read of one customer, in periods of `periodDays` days: frequency = repeat
 * purchase days, recency = first to last purchase day, T = first purchase day to the calibration
 * end, monetary = mean value of the repeat purchase days (0 without one; the first purchase is left
 * out, as in the published Gamma-Gamma work, because acquisition spend differs from repeat spend).
 */
export interface ClvCustomer {
  customerId: string;
  frequency: number;
  recency: number;
  T: number;
  monetary: number;
}

/** Day-based purchase measures, as a feature store keeps them. */
export interface PurchaseDays {
  customerId: string;
  repeatPurchaseDays: number;
  firstToLastPurchaseDays: number;
  daysSinceFirstPurchase: number;
  /** Mean value of the repeat purchase days; null or 0 without one. */
  meanRepeatValue: number | null;
}

/** A customer from day-based measures, in periods of `periodDays` days. */
export function clvCustomerFromDays(p: PurchaseDays, periodDays: number): ClvCustomer {
  return {
    customerId: p.customerId,
    frequency: p.repeatPurchaseDays,
    recency: p.firstToLastPurchaseDays / periodDays,
    T: Math.max(p.daysSinceFirstPurchase, p.firstToLastPurchaseDays) / periodDays,
    monetary: p.repeatPurchaseDays > 0 ? (p.meanRepeatValue ?? 0) : 0,
  };
}

/** A calibration summary built from a transaction log. */
export interface CustomerSummary extends ClvCustomer {
  firstPurchaseAt: Date;
  /** Purchase days after the calibration end up to the observation end (0 when no observation end was given). */
  holdoutFrequency: number;
}

export interface SummaryOptions {
  calibrationEnd: Date;
  observationEnd?: Date;
  periodDays: number;
}

const DAY_MS = 86_400_000;

/** The UTC day a moment falls on, as a day number: a purchase day is a calendar day in UTC. */
export function dayNumber(at: Date): number {
  return Math.floor(at.getTime() / DAY_MS);
}

/**
 * Summaries for customers whose first purchase falls on or before the calibration end day; rows
 * after the observation end are ignored. Customers come out in order of first appearance.
 */
export function summariseTransactions(transactions: Iterable<ClvTransaction>, options: SummaryOptions): CustomerSummary[] {
  const calibrationEnd = dayNumber(options.calibrationEnd);
  const observationEnd = options.observationEnd ? dayNumber(options.observationEnd) : calibrationEnd;
  if (!(options.periodDays > 0)) throw new RangeError('periodDays must be positive');
  if (observationEnd < calibrationEnd) throw new RangeError('the observation end must not precede the calibration end');
  const spendByDay = new Map<string, Map<number, number>>();
  for (const { customerId, at, amount } of transactions) {
    const day = dayNumber(at);
    if (!Number.isFinite(day) || day > observationEnd) continue;
    const days = spendByDay.get(customerId) ?? new Map<number, number>();
    days.set(day, (days.get(day) ?? 0) + (Number.isFinite(amount) ? amount : 0));
    spendByDay.set(customerId, days);
  }
  const summaries: CustomerSummary[] = [];
  for (const [customerId, days] of spendByDay) {
    const summary = summariseCustomer(customerId, days, calibrationEnd, options.periodDays);
    if (summary) summaries.push(summary);
  }
  return summaries;
}

function summariseCustomer(customerId: string, spendByDay: Map<number, number>, calibrationEnd: number, periodDays: number): CustomerSummary | null {
  const days = [...spendByDay.keys()].sort((p, q) => p - q);
  const first = days[0];
  if (first === undefined || first > calibrationEnd) return null;
  const calibration = days.filter((day) => day <= calibrationEnd);
  const repeat = calibration.slice(1);
  const last = calibration[calibration.length - 1] ?? first;
  const repeatSpend = repeat.reduce((sum, day) => sum + (spendByDay.get(day) ?? 0), 0);
  return {
    customerId,
    frequency: repeat.length,
    recency: (last - first) / periodDays,
    T: (calibrationEnd - first) / periodDays,
    monetary: repeat.length > 0 ? repeatSpend / repeat.length : 0,
    firstPurchaseAt: new Date(first * DAY_MS),
    holdoutFrequency: days.length - calibration.length,
  };
}
