import type { EscalationReason } from './escalation-rules';
import type { Intent } from './intents';

const REASON_PHRASES: Record<EscalationReason, string> = {
  customer_asked: 'asked for a person',
  negative_sentiment: 'sentiment turned negative',
  low_confidence: 'the assistant could not understand twice',
  vulnerability: 'possible vulnerability',
  complaint: 'complaint',
  legal_privacy: 'legal or privacy matter',
};

const EXCERPT = 240;

export interface SummaryTurn {
  author: 'customer' | 'bot' | 'agent';
  text: string;
  intent: Intent | null;
}

/** The agent's first read: why it came to them, what the customer wanted, and their last words. */
export function handOverSummary(turns: readonly SummaryTurn[], reasons: readonly EscalationReason[], identified: boolean): string {
  const customerTurns = turns.filter((t) => t.author === 'customer');
  const intents = [...new Set(customerTurns.flatMap((t) => (t.intent ? [t.intent.replace(/_/g, ' ')] : [])))];
  const last = customerTurns.at(-1)?.text ?? '';
  const excerpt = last.length > EXCERPT ? `${last.slice(0, EXCERPT - 1)}…` : last;
  return [
    `Escalated: ${reasons.map((r) => REASON_PHRASES[r]).join('; ')}.`,
    `${identified ? 'Identified' : 'Anonymous'} customer, ${customerTurns.length} message${customerTurns.length === 1 ? '' : 's'}; topics: ${intents.join(', ') || 'unclear'}.`,
    `Last message: "${excerpt}"`,
  ].join(' ');
}

/** Where the agent opens the customer's 360 view; the template names `{customerId}`. */
export function customer360Link(template: string, customerId: string | null): string | null {
  return customerId ? template.replace('{customerId}', encodeURIComponent(customerId)) : null;
}
