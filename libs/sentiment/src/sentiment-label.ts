/** Three labels every model answers with; a domain classifier is trained on the two polar ones. */
export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

export interface SentimentScore {
  /** −1 (most negative) … 1 (most positive). */
  score: number;
  label: SentimentLabel;
}

/**
 * Scores within ±NEUTRAL_BAND carry too little evidence to call either way. 0.05 is the band VADER's
 * authors recommend for their compound score, which lives on the same −1…1 scale.
 */
export const NEUTRAL_BAND = 0.05;

export function labelOf(score: number): SentimentLabel {
  if (score >= NEUTRAL_BAND) return 'positive';
  if (score <= -NEUTRAL_BAND) return 'negative';
  return 'neutral';
}

/** Anything that scores a text: the shipped lexicon model or a trained domain classifier. */
export interface SentimentModel {
  /** 'lexicon' for the shipped default, else the trained classifier's version. */
  readonly version: string;
  score(text: string): SentimentScore;
}

/**
 * A yes/no answer to "is this text positive?", for binary evaluation and anything else that must pick
 * a side: only evidence of positivity (score > 0) says yes. A text without opinion words (score 0)
 * is counted as not positive: in customer text, a flat statement of fact is more often a complaint
 * ("it stopped charging after a week") than praise.
 */
export function isPositive(score: number): boolean {
  return score > 0;
}
