import { logGamma } from './log-gamma';
import { minimiseNelderMead } from './nelder-mead';

// Math's functions bound once: these loops run millions of times per fit, and a global lookup per call
// costs up to 25x inside sandboxed runtimes such as Jest's.
const { abs, exp, log, max } = Math;

/**
 * Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"; Fader & Hardie's note
 * "The Gamma-Gamma Model of Monetary Value"): a customer's transaction values are Gamma(p, ν) with
 * ν ~ Gamma(q, γ) across customers, independent of how often they buy.
 */
export interface GammaGammaParameters {
  p: number;
  q: number;
  gamma: number;
}

/** x repeat transactions with mean value m (only customers with x > 0 and m > 0 carry information). */
export interface SpendHistory {
  frequency: number;
  monetary: number;
}

export function gammaGammaCustomerLogLikelihood({ p, q, gamma }: GammaGammaParameters, { frequency: x, monetary: m }: SpendHistory): number {
  const px = p * x;
  return logGamma(px + q) - logGamma(px) - logGamma(q) + q * log(gamma) + (px - 1) * log(m) + px * log(x) - (px + q) * log(gamma + m * x);
}

/** Sum of ln L; the log-gamma terms are computed once per distinct frequency, since the optimiser calls this hundreds of times. */
export function gammaGammaLogLikelihood(parameters: GammaGammaParameters, histories: readonly SpendHistory[]): number {
  const { p, q, gamma } = parameters;
  const byFrequency = new Map<number, number>();
  let total = 0;
  for (const { frequency: x, monetary: m } of histories) {
    const px = p * x;
    let term = byFrequency.get(x);
    if (term === undefined) {
      term = logGamma(px + q) - logGamma(px) - logGamma(q) + q * log(gamma) + px * log(x);
      byFrequency.set(x, term);
    }
    total += term + (px - 1) * log(m) - (px + q) * log(gamma + m * x);
  }
  return total;
}

export function isSpendInformative(history: SpendHistory): boolean {
  return history.frequency > 0 && history.monetary > 0 && Number.isFinite(history.monetary);
}

export interface GammaGammaFit {
  parameters: GammaGammaParameters;
  logLikelihood: number;
  customers: number;
  iterations: number;
  converged: boolean;
}

const LOG_BOUND = 20;

/** Maximum-likelihood fit on the informative customers, Nelder–Mead on (ln p, ln q, ln γ) from p = q = 1, γ = the mean spend. */
export function fitGammaGamma(histories: readonly SpendHistory[]): GammaGammaFit {
  const informative = histories.filter(isSpendInformative);
  const meanSpend = informative.reduce((sum, h) => sum + h.monetary, 0) / max(1, informative.length);
  const toParameters = (v: readonly number[]): GammaGammaParameters => ({ p: exp(v[0] ?? 0), q: exp(v[1] ?? 0), gamma: exp(v[2] ?? 0) });
  const objective = (v: number[]): number => {
    if (v.some((value) => abs(value) > LOG_BOUND)) return Infinity;
    return -gammaGammaLogLikelihood(toParameters(v), informative) / informative.length;
  };
  const result = minimiseNelderMead(objective, [0, 0, log(max(meanSpend, 1e-6))]);
  return {
    parameters: toParameters(result.x),
    logLikelihood: -result.value * informative.length,
    customers: informative.length,
    iterations: result.iterations,
    converged: result.converged,
  };
}

/**
 * E[M | x, m_x]: the posterior mean transaction value, a weighted average of the population mean
 * pγ/(q−1) and the customer's own mean. Null where it is undefined (q ≤ 1 and no history to weigh).
 */
export function expectedAverageValue({ p, q, gamma }: GammaGammaParameters, history: SpendHistory): number | null {
  const x = isSpendInformative(history) ? history.frequency : 0;
  const denominator = p * x + q - 1;
  if (denominator <= 0) return null;
  return (p * (gamma + x * (x > 0 ? history.monetary : 0))) / denominator;
}
