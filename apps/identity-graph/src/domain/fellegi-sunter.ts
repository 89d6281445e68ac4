import type { PersonTraits } from '@c360/contracts';
import { comparisonVector, LEVELS, PERSON_FIELDS, type MatchModel } from './comparison-model';
import type { CandidateRecord, FieldComparison, MatchDecision, RecordMatcher } from './match-decision';

export interface PairScore {
  score: number;
  comparisons: FieldComparison[];
}

function scoreVector(model: MatchModel, vector: (number | null)[]): PairScore {
  const comparisons: FieldComparison[] = [];
  let score = 0;
  vector.forEach((level, i) => {
    const field = model.fields[i];
    const probabilities = level === null ? undefined : field?.levels[level];
    if (!field || !probabilities || level === null) return;
    const weight = Math.log2(probabilities.m / probabilities.u);
    score += weight;
    comparisons.push({ field: field.field, level: LEVELS[field.kind][level] ?? String(level), weight: Math.round(weight * 100) / 100 });
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

/** The part of a score that comes from fields identifying the person rather than where they live. */
export function personWeight(pair: PairScore): number {
  return pair.comparisons.filter((c) => (PERSON_FIELDS as readonly string[]).includes(c.field)).reduce((sum, c) => sum + c.weight, 0);
}

/**
 * Fellegi–Sunter decision: the best-scoring candidate record decides for its customer. At or above
 * `upper` it is a match, from `lower` a review, below it nothing. A match also needs the person's
 * own fields to agree on balance: an address alone (a household) never merges two people
 * automatically, it goes to review.
 */
export function createFellegiSunterMatcher(model: MatchModel): RecordMatcher {
  return (traits: PersonTraits, candidates: readonly CandidateRecord[]): MatchDecision => {
    let best: (PairScore & { candidate: CandidateRecord }) | null = null;
    for (const candidate of candidates) {
      const pair = scorePair(model, traits, candidate.traits);
      if (!best || pair.score > best.score) best = { ...pair, candidate };
    }
    if (!best || best.score < model.lower) return { kind: 'none', score: best?.score ?? null };
    const kind = best.score >= model.upper && personWeight(best) > 0 ? 'match' : 'review';
    return {
      kind,
      customerId: best.candidate.customerId,
      score: Math.round(best.score * 100) / 100,
      comparisons: best.comparisons,
      candidateMessageId: best.candidate.messageId,
    };
  };
}
