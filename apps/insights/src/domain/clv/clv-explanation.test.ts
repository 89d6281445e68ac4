import { simulateBgNbd } from './bgnbd-simulation';
import { explainClv } from './clv-explanation';
import { fitClvModel, predictCustomerClv } from './clv-model';
import { clvCustomerFromDays, type ClvCustomer } from './rfm-summary';

const calibrationEnd = new Date('2024-06-30T00:00:00Z');
const customers: ClvCustomer[] = simulateBgNbd({ r: 0.4, alpha: 5, a: 0.8, b: 3 }, 1500, 26, 21).map((h, i) => ({
  customerId: `c${i}`,
  ...h,
  monetary: h.frequency > 0 ? 20 + ((i * 37) % 60) : 0,
}));
const model = fitClvModel(customers, { calibrationEnd, periodDays: 7 });

describe('explainClv', () => {
  it('splits the gap to the typical customer exactly across the four inputs', () => {
    const customer = { customerId: 'x', frequency: 9, recency: 20, T: 24, monetary: 70 };
    const explanation = explainClv(model, customer, 90);
    expect(explanation.explains).toBe('expectedValue');
    expect(explanation.value).toBeCloseTo(predictCustomerClv(model, customer, 90).expectedValue ?? NaN, 10);
    const total = explanation.contributions.reduce((sum, c) => sum + c.effect, 0);
    expect(total).toBeCloseTo(explanation.value - explanation.typicalValue, 9);
  });

  it('credits a frequent recent buyer’s purchases and a lapsed buyer’s lapse, in the right direction', () => {
    const effect = (c: ClvCustomer, feature: string) => explainClv(model, c, 90).contributions.find((x) => x.feature === feature)?.effect ?? NaN;
    const frequent = { customerId: 'f', frequency: 12, recency: 25, T: 25.5, monetary: model.reference.monetary };
    const lapsed = { customerId: 'l', frequency: 12, recency: 3, T: 25.5, monetary: model.reference.monetary };
    expect(effect(frequent, 'repeat_purchases')).toBeGreaterThan(0);
    expect(effect(lapsed, 'periods_since_last_purchase')).toBeLessThan(0);
    // Buying recently is what keeps a frequent buyer's purchases worth counting on.
    expect(effect(frequent, 'periods_since_last_purchase')).toBeGreaterThan(0);
    expect(effect(lapsed, 'periods_since_last_purchase')).toBeLessThan(effect(frequent, 'periods_since_last_purchase'));
  });

  it('gives no effect to an input equal to the typical customer’s', () => {
    const explanation = explainClv(model, { customerId: 't', ...model.reference, monetary: 55 }, 90);
    for (const c of explanation.contributions.filter((x) => x.feature !== 'mean_repeat_spend')) expect(c.effect).toBeCloseTo(0, 12);
  });
});

describe('clvCustomerFromDays', () => {
  it('turns day-based measures into periods, without spend for a customer who never came back', () => {
    expect(
      clvCustomerFromDays({ customerId: 'a', repeatPurchaseDays: 3, firstToLastPurchaseDays: 14, daysSinceFirstPurchase: 35, meanRepeatValue: 12 }, 7),
    ).toEqual({
      customerId: 'a',
      frequency: 3,
      recency: 2,
      T: 5,
      monetary: 12,
    });
    expect(
      clvCustomerFromDays({ customerId: 'b', repeatPurchaseDays: 0, firstToLastPurchaseDays: 0, daysSinceFirstPurchase: 3, meanRepeatValue: null }, 7),
    ).toMatchObject({
      frequency: 0,
      monetary: 0,
    });
  });
});
