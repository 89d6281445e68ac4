import { KEYWORD_RULES } from './escalation-keywords';
import type { Intent } from './intents';

export const ESCALATION_REASONS = ['customer_asked', 'negative_sentiment', 'low_confidence', 'vulnerability', 'complaint', 'legal_privacy'] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

/** What the bot learned from one customer message. */
export interface TurnAssessment {
  text: string;
  intent: Intent;
  confidence: number;
  /** In [-1, 1]; negative is unhappy. */
  sentiment: number;
}

export interface EscalationPolicy {
  /** Below this the bot does not trust its reading of a message. */
  lowConfidence: number;
  /** Low-confidence messages in one conversation before a person takes over. */
  lowConfidenceTurns: number;
  /** One message at or below this is negative enough on its own. */
  strongNegative: number;
  /** Two messages in a row at or below this are a conversation turning sour. */
  negative: number;
}

/**
 * Defaults chosen from the scales, not from a file: a 12-way classifier is near chance below 0.35,
 * and on a [-1, 1] sentiment scale −0.5 is plainly negative while −0.2 twice running is a trend.
 */
export const DEFAULT_ESCALATION_POLICY: EscalationPolicy = { lowConfidence: 0.35, lowConfidenceTurns: 2, strongNegative: -0.5, negative: -0.2 };

export function isLowConfidence(turn: Pick<TurnAssessment, 'confidence'>, policy: EscalationPolicy): boolean {
  return turn.confidence < policy.lowConfidence;
}

/**
 * Why a person should take over after this message, given the customer's earlier messages in the
 * conversation (oldest first); empty when the bot may carry on. Every rule is checked so the
 * hand-over says all the reasons at once.
 */
export function escalationReasons(
  earlier: readonly TurnAssessment[],
  current: TurnAssessment,
  policy: EscalationPolicy = DEFAULT_ESCALATION_POLICY,
): EscalationReason[] {
  const reasons: EscalationReason[] = [];
  const confident = !isLowConfidence(current, policy);
  if ((current.intent === 'human' && confident) || KEYWORD_RULES.customer_asked.test(current.text)) reasons.push('customer_asked');
  const previous = earlier.at(-1);
  if (current.sentiment <= policy.strongNegative || (current.sentiment <= policy.negative && previous !== undefined && previous.sentiment <= policy.negative)) {
    reasons.push('negative_sentiment');
  }
  const lowTurns = [...earlier, current].filter((t) => isLowConfidence(t, policy)).length;
  if (!confident && lowTurns >= policy.lowConfidenceTurns) reasons.push('low_confidence');
  if (KEYWORD_RULES.vulnerability.test(current.text)) reasons.push('vulnerability');
  if ((current.intent === 'complaint' && confident) || KEYWORD_RULES.complaint.test(current.text)) reasons.push('complaint');
  if (KEYWORD_RULES.legal_privacy.test(current.text)) reasons.push('legal_privacy');
  return reasons;
}

export type SentimentTrend = 'improving' | 'steady' | 'worsening';

/** The direction of the customer's mood: the last message against the average of those before it. */
export function sentimentTrend(scores: readonly number[]): SentimentTrend {
  if (scores.length < 2) return 'steady';
  const last = scores.at(-1)!;
  const before = scores.slice(0, -1).reduce((a, b) => a + b, 0) / (scores.length - 1);
  if (last - before <= -0.15) return 'worsening';
  if (last - before >= 0.15) return 'improving';
  return 'steady';
}
