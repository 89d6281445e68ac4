import {
  bgNbdCustomerLogLikelihood,
  conditionalExpectedPurchases,
  expectedPurchasesNewCustomer,
  fitBgNbd,
  probabilityAlive,
  type RepeatHistory,
} from './bgnbd';
import { simulateBgNbd } from './bgnbd-simulation';

// The published CDNOW parameters (Fader, Hardie & Lee 2005), time in weeks.
const CDNOW = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const histories: RepeatHistory[] = [
  { frequency: 0, recency: 0, T: 38 },
  { frequency: 1, recency: 1.5, T: 30 },
  { frequency: 2, recency: 20, T: 38.5 },
  { frequency: 7, recency: 35.7, T: 38.86 },
  { frequency: 30, recency: 38, T: 39 },
];

// Reference figures computed once with Python lifetimes 0.11.3 (BetaGeoFitter: its
// _negative_log_likelihood per customer, conditional_probability_alive,
// conditional_expected_number_of_purchases_up_to_time, expected_number_of_purchases_up_to_time)
// at the CDNOW parameters above, in a scratch venv outside the repository.
const LIFETIMES = {
  logLikelihood: [-0.5498354168255055, -4.369429811114238, -9.160318920922126, -22.155825173327262, -44.952600139793205],
  probabilityAlive: [1.0, 0.2552277009847414, 0.5493836382262516, 0.8598497030403739, 0.9514226348291313],
  expected39Weeks: [0.19865779040999137, 0.2975817886733216, 0.9336325785306463, 4.471111638453214, 19.977866024261452],
  expected90Days: [0.07053466363458002, 0.11029364458552994, 0.34483553635808717, 1.696501343865269, 7.711981543848581],
  newCustomer: [
    [1, 0.05326789117165627],
    [39, 1.1967231933207985],
    [78, 1.8605190579427455],
  ],
};

describe('BG/NBD at the published CDNOW parameters', () => {
  it('gives each customer the log-likelihood lifetimes gives', () => {
    histories.forEach((h, i) => expect(bgNbdCustomerLogLikelihood(CDNOW, h)).toBeCloseTo(LIFETIMES.logLikelihood[i] ?? NaN, 10));
  });

  it('gives the probability alive lifetimes gives, 1 for a customer without repeat purchases', () => {
    histories.forEach((h, i) => expect(probabilityAlive(CDNOW, h)).toBeCloseTo(LIFETIMES.probabilityAlive[i] ?? NaN, 10));
  });

  it('gives the conditional expected purchases lifetimes gives over 39 weeks and over 90 days', () => {
    histories.forEach((h, i) => {
      expect(conditionalExpectedPurchases(CDNOW, h, 39)).toBeCloseTo(LIFETIMES.expected39Weeks[i] ?? NaN, 9);
      expect(conditionalExpectedPurchases(CDNOW, h, 90 / 7)).toBeCloseTo(LIFETIMES.expected90Days[i] ?? NaN, 9);
    });
  });

  it('gives the expected purchases of a new customer lifetimes gives', () => {
    for (const [t, expected] of LIFETIMES.newCustomer) expect(expectedPurchasesNewCustomer(CDNOW, t ?? NaN)).toBeCloseTo(expected ?? NaN, 9);
  });

  it('expects nothing over an empty horizon and more over a longer one', () => {
    const h = histories[2] as RepeatHistory;
    expect(conditionalExpectedPurchases(CDNOW, h, 0)).toBe(0);
    expect(conditionalExpectedPurchases(CDNOW, h, 52)).toBeGreaterThan(conditionalExpectedPurchases(CDNOW, h, 26));
  });

  it('stays exact for very heavy buyers, where the series and its prefactor leave double range', () => {
    // lifetimes 0.11.3, same parameters, 39 weeks ahead.
    expect(conditionalExpectedPurchases(CDNOW, { frequency: 200, recency: 38.9, T: 39 }, 39)).toBeCloseTo(136.68450041, 6);
    expect(conditionalExpectedPurchases(CDNOW, { frequency: 3000, recency: 38.9, T: 39 }, 39)).toBeCloseTo(1623.17980491, 5);
  });
});

describe('fitBgNbd', () => {
  it('recovers the parameters of data simulated from the model', () => {
    const truth = { r: 0.5, alpha: 6, a: 0.7, b: 3 };
    const simulated = simulateBgNbd(truth, 4000, 52, 7);
    const fit = fitBgNbd(simulated);
    expect(fit.converged).toBe(true);
    expect(fit.parameters.r).toBeGreaterThan(truth.r * 0.85);
    expect(fit.parameters.r).toBeLessThan(truth.r * 1.15);
    expect(fit.parameters.alpha).toBeGreaterThan(truth.alpha * 0.8);
    expect(fit.parameters.alpha).toBeLessThan(truth.alpha * 1.2);
    // The dropout process is seen only through its mean a/(a+b) and spread; check the mean.
    const dropout = fit.parameters.a / (fit.parameters.a + fit.parameters.b);
    expect(dropout).toBeGreaterThan(0.15);
    expect(dropout).toBeLessThan(0.22);
  });

  it('reaches a higher likelihood than the published parameters give on the same data', () => {
    const simulated = simulateBgNbd(CDNOW, 2000, 39, 11);
    const fit = fitBgNbd(simulated);
    const atPublished = simulated.reduce((sum, h) => sum + bgNbdCustomerLogLikelihood(CDNOW, h), 0);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(atPublished);
  });
});
