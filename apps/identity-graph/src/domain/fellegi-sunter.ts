import type { PersonTraits } from '@c360/contracts';
import { comparisonVector, LEVELS, type MatchModel } from './comparison-model';
import type { CandidateRecord, FieldComparison, MatchDecision, RecordMatcher } from './match-decision';

export interface PairScore {
  score: number;
  comparisons: FieldComparison[];
}

function scoreVector(model: MatchModel, vector: (number | null)[]): PairScore {
  const comparisons: FieldComparison[] = [];
  let score = 0;
  vector.forEach((level, i) => {
    if (level === null) return;
    const field = model.fields[i]!;
    const { m, u } = field.levels[level]!;
    const weight = Math.log2(m / u);
    score += weight;
    comparisons.push({ field: field.field, level: LEVELS[field.kind][level]!, weight: Math.round(weight * 100) / 100 });
  });
  return { score, comparisons };
}

/** Sum of log2(m/u) over compared fields; names are also tried swapped, a common data-entry slip. */
export function scorePair(model: MatchModel, a: PersonTraits, b: PersonTraits): PairScore {
  const straight = scoreVector(model, comparisonVector(model, a, b));
  if (!a.givenName || !a.familyName || a.givenName === a.familyName) return straight;
  const swapped = scoreVector(model, comparisonVector(model, { ...a, givenName: a.familyName, familyName: a.givenName }, b));
  return swapped.score > straight.score + 5 ? swapped : straight;
}

/**
 * Fellegi–Sunter decision: the best-scoring candidate record decides for its customer. At or above
 * `upper` it is a match, from `lower` a review, below it nothing.
 */
export function createFellegiSunterMatcher(model: MatchModel): RecordMatcher {
  return (traits: PersonTraits, candidates: readonly CandidateRecord[]): MatchDecision => {
    let best: (PairScore & { candidate: CandidateRecord }) | null = null;
    for (const candidate of candidates) {
      const pair = scorePair(model, traits, candidate.traits);
      if (!best || pair.score > best.score) best = { ...pair, candidate };
    }
    if (!best || best.score < model.lower) return { kind: 'none', score: best?.score ?? null };
    const kind = best.score >= model.upper ? 'match' : 'review';
    return { kind, customerId: best.candidate.customerId, score: Math.round(best.score * 100) / 100, comparisons: best.comparisons, candidateMessageId: best.candidate.messageId };
  };
}
