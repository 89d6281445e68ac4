import { escalationReasons, type EscalationPolicy, type EscalationReason, type TurnAssessment } from './escalation-rules';
import type { IntentClassifier } from './intent-classifier';

export interface TurnDecision {
  assessment: TurnAssessment;
  escalation: EscalationReason[];
}

/**
 * One customer message read the way the service reads it: intent, confidence, sentiment, and the
 * escalation rules against the earlier messages. The eval runs exactly this.
 */
export function assessTurn(
  deps: { classifier: IntentClassifier; sentiment: { score(text: string): number }; policy: EscalationPolicy },
  earlier: readonly TurnAssessment[],
  text: string,
): TurnDecision {
  const { intent, confidence } = deps.classifier.classify(text);
  const assessment: TurnAssessment = { text, intent, confidence, sentiment: deps.sentiment.score(text) };
  return { assessment, escalation: escalationReasons(earlier, assessment, deps.policy) };
}
