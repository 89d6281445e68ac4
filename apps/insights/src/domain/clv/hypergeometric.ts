// Math's functions bound once: these loops run millions of times per fit, and a global lookup per call
// costs up to 25x inside sandboxed runtimes such as Jest's.
const { abs, log } = Math;
/** A value returned as its sign and the log of its magnitude, so huge series and tiny prefactors can meet. */
export interface SignedLog {
  sign: -1 | 0 | 1;
  log: number;
}

const RESCALE_ABOVE = 1e250;
const LOG_RESCALE = log(RESCALE_ABOVE);

/**
 * Gauss hypergeometric ₂F₁(a, b; c; z) for |z| < 1, summed as its power series.
 * The CLV formulas only need 0 ≤ z < 1 with a, b > 0, where the terms keep one sign after the
 * first few, so direct summation is accurate; the sum is carried with a separate log scale because
 * for heavy buyers (large a, b) the terms pass 1e300 before they shrink, while the prefactor
 * (1 − z)^a that multiplies the result is just as small.
 */
export function logHyp2f1(a: number, b: number, c: number, z: number, maxTerms = 2_000_000): SignedLog {
  if (!(abs(z) < 1)) throw new RangeError(`₂F₁ series needs |z| < 1, got ${z}`);
  let term = 1;
  let sum = 1;
  let logScale = 0;
  for (let n = 0; n < maxTerms; n += 1) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    if (abs(sum) > RESCALE_ABOVE) {
      sum /= RESCALE_ABOVE;
      term /= RESCALE_ABOVE;
      logScale += LOG_RESCALE;
    }
    if (term === 0 || abs(term) <= 1e-16 * abs(sum)) return toSignedLog(sum, logScale);
  }
  throw new RangeError(`₂F₁(${a}, ${b}; ${c}; ${z}) did not converge in ${maxTerms} terms`);
}

function toSignedLog(sum: number, logScale: number): SignedLog {
  if (sum === 0) return { sign: 0, log: -Infinity };
  return { sign: sum > 0 ? 1 : -1, log: logScale + log(abs(sum)) };
}
