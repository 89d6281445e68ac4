import { formatPercent, humanise } from './format';

interface DecisionLike {
  action: { name: string } | null;
  channel: string | null;
  policy: string;
  probability: number;
  holdout: boolean;
}

const NO_DECISION: Record<string, string> = {
  NO_ACTIVE_ACTION: 'No action is active in the catalogue.',
  NO_CONSENTED_CHANNEL: 'The customer has consented to no channel an action uses.',
  NOT_ELIGIBLE: 'The customer is eligible for no active action here.',
  CAPPED: 'Every eligible action has reached its frequency cap for this customer.',
};

/** Why there is nothing to do, in words (an unknown reason is still named, never dropped). */
export function noDecisionText(reason: string | null | undefined): string {
  if (!reason) return 'No decision.';
  return NO_DECISION[reason] ?? `No decision: ${humanise(reason)}.`;
}

export interface DecisionView {
  headline: string;
  rows: [string, string][];
}

/**
 * A decision as the console shows it. A holdout customer gets no action: the control group that
 * measures uplift, so "show nothing" is the decision, and the probability is the share held out.
 */
export function decisionView(d: DecisionLike): DecisionView {
  if (d.holdout) {
    return {
      headline: 'Holdout: show nothing (control group for measuring uplift)',
      rows: [
        ['Policy', d.policy],
        ['Share of customers held out', formatPercent(d.probability)],
      ],
    };
  }
  return {
    headline: `${d.action?.name ?? 'An action'}${d.channel ? ` on ${humanise(d.channel)}` : ''}`,
    rows: [
      ['Action', d.action?.name ?? '—'],
      ['Channel', d.channel ? humanise(d.channel) : '—'],
      ['Policy', d.policy],
      ['Probability of this choice', formatPercent(d.probability)],
      ['Holdout', 'no'],
    ],
  };
}
