import { simulateBgNbd } from './bgnbd-simulation';
import { ClvError, fitAndPredictClv, fitClvModel, parseClvModel, predictClv } from './clv-model';
import type { ClvTransaction, CustomerSummary } from './rfm-summary';

const DAY_MS = 86_400_000;
const asOf = new Date('2024-06-30T00:00:00Z');

/** A transaction log drawn from BG/NBD, customers acquired over the first quarter of the year, spend around 40. */
function transactionLog(customers: number, seed: number): ClvTransaction[] {
  const histories = simulateBgNbd({ r: 0.6, alpha: 30, a: 0.8, b: 4 }, customers, 181, seed);
  const rows: ClvTransaction[] = [];
  histories.forEach((h, i) => {
    const first = asOf.getTime() - Math.round(h.T) * DAY_MS;
    rows.push({ customerId: `c${i}`, at: new Date(first), amount: 25 });
    for (let k = 1; k <= h.frequency; k += 1) {
      const day = k === h.frequency ? Math.round(h.recency) : Math.round((h.recency * k) / h.frequency);
      rows.push({ customerId: `c${i}`, at: new Date(first + day * DAY_MS + 3_600_000), amount: 30 + ((i * 7 + k * 13) % 21) });
    }
  });
  return rows;
}

describe('fitAndPredictClv', () => {
  const run = fitAndPredictClv(transactionLog(800, 3), { asOf, periodDays: 1 });

  it('predicts every customer over 90 days with its probability alive and value', () => {
    expect(run.predictions).toHaveLength(run.summaries.length);
    for (const p of run.predictions) {
      expect(p.horizonDays).toBe(90);
      expect(p.probabilityAlive).toBeGreaterThan(0);
      expect(p.probabilityAlive).toBeLessThanOrEqual(1);
      expect(p.expectedPurchases).toBeGreaterThanOrEqual(0);
      expect(p.expectedValue).toBeCloseTo(p.expectedPurchases * (p.expectedAverageValue ?? NaN), 10);
    }
  });

  it('values a recent frequent buyer above a lapsed one and above a one-off buyer', () => {
    const find = (test: (s: CustomerSummary) => boolean) => run.predictions.find((p) => test(run.summaries.find((s) => s.customerId === p.customerId)!));
    const active = find((s) => s.frequency >= 4 && s.T - s.recency < 5);
    const lapsed = find((s) => s.frequency >= 4 && s.T - s.recency > 90);
    const oneOff = find((s) => s.frequency === 0 && s.T > 120);
    expect(active && lapsed && oneOff).toBeTruthy();
    expect(active!.expectedPurchases).toBeGreaterThan(lapsed!.expectedPurchases);
    expect(active!.expectedPurchases).toBeGreaterThan(oneOff!.expectedPurchases);
    expect(lapsed!.probabilityAlive).toBeLessThan(active!.probabilityAlive);
    // A customer without repeat purchases gets the population's mean transaction value.
    expect(oneOff!.expectedAverageValue).toBeGreaterThan(20);
  });

  it('ignores purchases after the as-of day, so a later log fits the same model', () => {
    const rows = transactionLog(300, 8);
    const later = [
      ...rows,
      { customerId: 'c1', at: new Date(asOf.getTime() + 2 * DAY_MS), amount: 500 },
      { customerId: 'new', at: new Date(asOf.getTime() + DAY_MS), amount: 9 },
    ];
    const a = fitAndPredictClv(rows, { asOf, periodDays: 1 });
    const b = fitAndPredictClv(later, { asOf, periodDays: 1 });
    expect(b.model).toEqual(a.model);
    expect(b.predictions.map((p) => p.customerId)).not.toContain('new');
  });

  it('gives a model that survives JSON and predicts the same after the round trip', () => {
    const restored = parseClvModel(JSON.parse(JSON.stringify(run.model)));
    expect(predictClv(restored, run.summaries, 90)).toEqual(run.predictions);
  });
});

describe('fitClvModel edge cases', () => {
  const single = (customerId: string, T: number): CustomerSummary => ({
    customerId,
    frequency: 0,
    recency: 0,
    T,
    monetary: 0,
    firstPurchaseAt: asOf,
    holdoutFrequency: 0,
  });

  it('refuses a population without enough repeat buyers with a typed error', () => {
    const onlyFirstPurchases = Array.from({ length: 50 }, (_, i) => single(`s${i}`, 10 + i));
    expect(() => fitClvModel(onlyFirstPurchases, { calibrationEnd: asOf, periodDays: 7 })).toThrow(expect.objectContaining({ code: 'INSUFFICIENT_DATA' }));
    expect(() => fitClvModel([], { calibrationEnd: asOf, periodDays: 7 })).toThrow(ClvError);
  });

  it('fits without a spend model when too few customers have repeat spend, and says so with nulls', () => {
    const summaries = [
      ...Array.from({ length: 30 }, (_, i) => single(`s${i}`, 20 + i)),
      ...Array.from({ length: 5 }, (_, i) => ({ ...single(`r${i}`, 30), frequency: 2 + i, recency: 10 + i, monetary: 10 })),
    ];
    const model = fitClvModel(summaries, { calibrationEnd: asOf, periodDays: 7 });
    expect(model.gammaGamma).toBeNull();
    const [prediction] = predictClv(model, summaries, 90);
    expect(prediction).toMatchObject({ frequency: 0, probabilityAlive: 1, expectedAverageValue: null, expectedValue: null });
    expect(prediction?.expectedPurchases).toBeGreaterThan(0);
  });

  it('rejects customers the formulas cannot read, and reads a recency beyond T as T', () => {
    const model = fitAndPredictClv(transactionLog(200, 4), { asOf }).model;
    const bad = { customerId: 'b', frequency: 2, recency: 1, T: Number.NaN, monetary: 5 };
    expect(() => fitClvModel([...Array.from({ length: 20 }, (_, i) => single(`s${i}`, 5)), bad], { calibrationEnd: asOf, periodDays: 7 })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => predictClv(model, [{ ...bad, T: 3, frequency: -1 }], 90)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    const [beyond] = predictClv(model, [{ customerId: 'c', frequency: 2, recency: 9, T: 8, monetary: 5 }], 90);
    const [atT] = predictClv(model, [{ customerId: 'c', frequency: 2, recency: 8, T: 8, monetary: 5 }], 90);
    expect(beyond).toEqual(atT);
  });

  it('rejects a stored model that is not one, and a negative horizon', () => {
    expect(() => parseClvModel({ kind: 'clv', schemaVersion: 1, bgNbd: { r: -1 } })).toThrow(expect.objectContaining({ code: 'INVALID_MODEL' }));
    const model = fitAndPredictClv(transactionLog(200, 4), { asOf }).model;
    expect(() => predictClv(model, [], -1)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
