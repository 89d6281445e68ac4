import { logAddExp, logGamma } from './log-gamma';
import { logHyp2f1 } from './hypergeometric';
import { minimiseNelderMead } from './nelder-mead';

// Math's functions bound once: these loops run millions of times per fit, and a global lookup per call
// costs up to 25x inside sandboxed runtimes such as Jest's.
const { abs, exp, log, max } = Math;

/**
 * BG/NBD repeat-purchase model (Fader, Hardie & Lee 2005, "Counting your customers the easy way").
 * While alive a customer buys as a Poisson process with rate λ ~ Gamma(r, α); after each purchase
 * they drop out with probability p ~ Beta(a, b). Time is in periods (the model records their length).
 */
export interface BgNbdParameters {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** One customer's calibration history: x repeat purchases, the last at t_x, observed for T (periods since the first purchase). */
export interface RepeatHistory {
  frequency: number;
  recency: number;
  T: number;
}

/** The log-gamma part of ln L, which depends on the frequency only. */
function frequencyTerm({ r, alpha, a, b }: BgNbdParameters, x: number): number {
  const a1 = logGamma(r + x) - logGamma(r) + r * log(alpha);
  const a2 = logGamma(a + b) + logGamma(b + x) - logGamma(b) - logGamma(a + b + x);
  return a1 + a2;
}

function timingTerm({ r, alpha, a, b }: BgNbdParameters, { frequency: x, recency: tx, T }: RepeatHistory): number {
  const a3 = -(r + x) * log(alpha + T);
  const a4 = x > 0 ? log(a) - log(b + x - 1) - (r + x) * log(alpha + tx) : -Infinity;
  return logAddExp(a3, a4);
}

/** ln L of one customer (equation 6 of the paper), its two terms combined with log-sum-exp. */
export function bgNbdCustomerLogLikelihood(parameters: BgNbdParameters, history: RepeatHistory): number {
  return frequencyTerm(parameters, history.frequency) + timingTerm(parameters, history);
}

/** Sum of ln L; the log-gamma terms are computed once per distinct frequency, since the optimiser calls this hundreds of times. */
export function bgNbdLogLikelihood(parameters: BgNbdParameters, histories: readonly RepeatHistory[]): number {
  const byFrequency = new Map<number, number>();
  let total = 0;
  for (const history of histories) {
    let term = byFrequency.get(history.frequency);
    if (term === undefined) {
      term = frequencyTerm(parameters, history.frequency);
      byFrequency.set(history.frequency, term);
    }
    total += term + timingTerm(parameters, history);
  }
  return total;
}

export interface BgNbdFit {
  parameters: BgNbdParameters;
  logLikelihood: number;
  iterations: number;
  converged: boolean;
}

// Parameters live on a log scale for the optimiser; beyond e^±20 the likelihood is flat and the
// values meaningless, so the search stays inside.
const LOG_BOUND = 20;

/** Maximum-likelihood fit, Nelder–Mead on (ln r, ln α, ln a, ln b) from r = a = b = 1 and α = the mean observation length. */
export function fitBgNbd(histories: readonly RepeatHistory[]): BgNbdFit {
  const meanT = histories.reduce((sum, h) => sum + h.T, 0) / max(1, histories.length);
  const toParameters = (v: readonly number[]): BgNbdParameters => ({
    r: exp(v[0] ?? 0),
    alpha: exp(v[1] ?? 0),
    a: exp(v[2] ?? 0),
    b: exp(v[3] ?? 0),
  });
  const objective = (v: number[]): number => {
    if (v.some((value) => abs(value) > LOG_BOUND)) return Infinity;
    return -bgNbdLogLikelihood(toParameters(v), histories) / histories.length;
  };
  const result = minimiseNelderMead(objective, [0, log(max(meanT, 1e-3)), 0, 0]);
  return {
    parameters: toParameters(result.x),
    logLikelihood: -result.value * histories.length,
    iterations: result.iterations,
    converged: result.converged,
  };
}

/** P(alive at T | x, t_x, T): a customer without repeat purchases is assumed alive (they cannot have dropped out yet). */
export function probabilityAlive({ r, alpha, a, b }: BgNbdParameters, { frequency: x, recency: tx, T }: RepeatHistory): number {
  if (x === 0) return 1;
  const logOdds = log(a) - log(b + x - 1) + (r + x) * (log(alpha + T) - log(alpha + tx));
  return 1 / (1 + exp(logOdds));
}

/** E[X(t)]: purchases a customer just acquired is expected to make in t periods (equation 9). */
export function expectedPurchasesNewCustomer({ r, alpha, a, b }: BgNbdParameters, t: number): number {
  if (t <= 0) return 0;
  const hyp = logHyp2f1(r, b, a + b - 1, t / (alpha + t));
  const scaled = hyp.sign * exp(r * log(alpha / (alpha + t)) + hyp.log);
  return ((a + b - 1) / (a - 1)) * (1 - scaled);
}

/**
 * E[Y(t) | x, t_x, T]: purchases expected in the next t periods given the calibration history
 * (equation 10). The (α+T)/(α+T+t) power and ₂F₁ are combined in log space: for heavy buyers one
 * underflows and the other overflows.
 */
export function conditionalExpectedPurchases(parameters: BgNbdParameters, history: RepeatHistory, t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = parameters;
  const { frequency: x, T } = history;
  const hyp = logHyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t));
  const scaled = hyp.sign * exp((r + x) * log((alpha + T) / (alpha + T + t)) + hyp.log);
  const unconditional = ((a + b + x - 1) / (a - 1)) * (1 - scaled);
  return max(0, unconditional * probabilityAlive(parameters, history));
}
