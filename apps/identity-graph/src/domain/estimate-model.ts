import type { MatchModel } from './comparison-model';

export interface EstimateOptions {
  iterations?: number;
  /** Starting share of compared pairs that are matches. */
  matchShare?: number;
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
      return { ...field, levels: field.levels.map((_, l) => ({ m: clamp((m[l] ?? 0) / mTotal), u: clamp((u[l] ?? 0) / uTotal) })) };
    });
  }
  return { ...model, fields };
}
