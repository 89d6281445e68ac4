import type { MatchModel } from './comparison-model';

export interface EstimateOptions {
  iterations?: number;
  /** Starting share of compared pairs that are matches. */
  matchShare?: number;
  /** Keep u as given (estimated from random pairs with `estimateU`) and learn only m. */
  fixedU?: boolean;
}

/**
 * u from pairs drawn at random: almost all of them are different people, so how often they reach
 * each level is how often non-matches do (the approach Splink takes).
 */
export function estimateU(model: MatchModel, randomVectors: readonly (number | null)[][]): MatchModel {
  const fields = model.fields.map((field, i) => {
    const counts = field.levels.map(() => 1);
    for (const vector of randomVectors) {
      const level = vector[i];
      if (level !== null && level !== undefined && level < counts.length) counts[level] = (counts[level] ?? 0) + 1;
    }
    const total = counts.reduce((a, b) => a + b, 0);
    return { ...field, levels: field.levels.map((l, level) => ({ m: l.m, u: clamp((counts[level] ?? 1) / total) })) };
  });
  return { ...model, fields };
}

// Keeps an estimate off 0 and 1, where a log weight would be infinite.
const clamp = (p: number) => Math.min(1 - 1e-6, Math.max(1e-6, p));

/**
 * Expectation–maximisation for Fellegi–Sunter m and u probabilities from unlabelled comparison
 * vectors (one per candidate pair, a level index or null per field of the model): each round weighs
 * every pair by its current probability of being a match, then re-estimates how often matches (m)
 * and non-matches (u) reach each level. Thresholds are kept; only the weights are learnt.
 */
export function estimateModel(model: MatchModel, vectors: readonly (number | null)[][], options: EstimateOptions = {}): MatchModel {
  let fields = model.fields.map((f) => ({ ...f, levels: f.levels.map((l) => ({ ...l })) }));
  let share = options.matchShare ?? 0.1;
  for (let round = 0; round < (options.iterations ?? 25); round++) {
    const posterior = vectors.map((vector) => {
      let logRatio = Math.log(share / (1 - share));
      vector.forEach((level, i) => {
        const p = level === null ? undefined : fields[i]?.levels[level];
        if (p) logRatio += Math.log(p.m / p.u);
      });
      return 1 / (1 + Math.exp(-logRatio));
    });
    const matches = posterior.reduce((a, b) => a + b, 0);
    share = clamp(matches / Math.max(1, vectors.length));
    fields = fields.map((field, i) => {
      const m = field.levels.map(() => 1e-3);
      const u = field.levels.map(() => 1e-3);
      vectors.forEach((vector, v) => {
        const level = vector[i];
        const p = posterior[v] ?? 0;
        if (level === null || level === undefined || level >= m.length) return;
        m[level] = (m[level] ?? 0) + p;
        u[level] = (u[level] ?? 0) + 1 - p;
      });
      const [mTotal, uTotal] = [m.reduce((a, b) => a + b, 0), u.reduce((a, b) => a + b, 0)];
      return {
        ...field,
        levels: field.levels.map((level, l) => ({ m: clamp((m[l] ?? 0) / mTotal), u: options.fixedU ? level.u : clamp((u[l] ?? 0) / uTotal) })),
      };
    });
  }
  return { ...model, fields };
}
