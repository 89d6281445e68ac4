import { seededRandom } from '../seeded-random';
import { expectedAverageValue, fitGammaGamma, gammaGammaCustomerLogLikelihood, gammaGammaLogLikelihood, type SpendHistory } from './gamma-gamma';

// The published CDNOW spend parameters (Fader, Hardie & Lee 2005, "RFM and CLV").
const CDNOW = { p: 6.25, q: 3.74, gamma: 15.44 };

// Reference figures computed once with Python lifetimes 0.11.3 (GammaGammaFitter:
// _negative_log_likelihood per customer and conditional_expected_average_profit) at the parameters
// above, in a scratch venv outside the repository.
describe('Gamma-Gamma at the published CDNOW parameters', () => {
  const histories: SpendHistory[] = [
    { frequency: 1, monetary: 20 },
    { frequency: 2, monetary: 35.5 },
    { frequency: 5, monetary: 100 },
  ];

  it('gives each customer the log-likelihood lifetimes gives, and their sum over many', () => {
    const expected = [-3.5941964929491945, -4.121665192612724, -7.118999758894688];
    histories.forEach((h, i) => expect(gammaGammaCustomerLogLikelihood(CDNOW, h)).toBeCloseTo(expected[i] ?? NaN, 10));
    expect(gammaGammaLogLikelihood(CDNOW, [...histories, ...histories])).toBeCloseTo(2 * expected.reduce((s, x) => s + x, 0), 9);
  });

  it('gives the expected average value lifetimes gives, the population mean for a customer without repeat spend', () => {
    const expected = [24.6384872080089, 35.449475065616795, 94.77787584583702];
    histories.forEach((h, i) => expect(expectedAverageValue(CDNOW, h)).toBeCloseTo(expected[i] ?? NaN, 9));
    expect(expectedAverageValue(CDNOW, { frequency: 0, monetary: 0 })).toBeCloseTo(35.21897810218978, 9);
  });

  it('has no population mean when q ≤ 1, but still weighs a customer with history', () => {
    expect(expectedAverageValue({ p: 2, q: 0.8, gamma: 10 }, { frequency: 0, monetary: 0 })).toBeNull();
    expect(expectedAverageValue({ p: 2, q: 0.8, gamma: 10 }, { frequency: 3, monetary: 40 })).toBeGreaterThan(0);
  });
});

describe('fitGammaGamma', () => {
  it('recovers the parameters of spend simulated from the model and ignores customers without repeat spend', () => {
    const random = seededRandom(5);
    const gamma = (shape: number) => {
      // Sum of exponentials: integer shapes are enough for this check.
      let total = 0;
      for (let i = 0; i < shape; i += 1) total += -Math.log(1 - random());
      return total;
    };
    const truth = { p: 4, q: 5, gamma: 60 };
    const histories: SpendHistory[] = Array.from({ length: 3000 }, (_, i) => {
      const frequency = 1 + (i % 6);
      const nu = gamma(truth.q) / truth.gamma;
      let spend = 0;
      for (let k = 0; k < frequency; k += 1) spend += gamma(truth.p) / nu;
      return { frequency, monetary: spend / frequency };
    });
    const fit = fitGammaGamma([...histories, { frequency: 0, monetary: 0 }, { frequency: 2, monetary: -5 }]);
    expect(fit.customers).toBe(3000);
    expect(fit.parameters.p).toBeGreaterThan(3.4);
    expect(fit.parameters.p).toBeLessThan(4.6);
    // The population mean spend pγ/(q−1) is what the predictions lean on.
    const mean = (fit.parameters.p * fit.parameters.gamma) / (fit.parameters.q - 1);
    expect(mean).toBeGreaterThan(54);
    expect(mean).toBeLessThan(66);
  });
});
