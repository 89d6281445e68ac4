import type { Channel } from '@c360/contracts';
import { ACTION_ID, DECISION_CHANNEL } from './content-arms';
import type { ContentChannel } from './content-channels';
import type { RecoveryTrigger } from './recovery';

/**
 * One entry of the recovery policy: which catalogue action a trigger's draft carries, and the
 * content channels that action is defined on. `match` is the drop-off's journey, the band entry as
 * `model:band`, or `*` (any; the only value a sentiment turn has). `actionId: null` says on purpose
 * that such a trigger's drafts carry no action.
 */
export interface RecoveryActionRule {
  trigger: RecoveryTrigger['kind'];
  match: string;
  actionId: string | null;
  channels: readonly ContentChannel[];
}

/**
 * insights ships no action catalogue (marketers define it with `defineAction`), so these name the
 * three recovery actions the generation README asks a marketer to define, on the channels a recovery
 * is written for (email and push; SMS has no decision channel).
 */
export const DEFAULT_RECOVERY_ACTIONS: readonly RecoveryActionRule[] = [
  { trigger: 'journey.dropoff', match: '*', actionId: 'journey-recovery', channels: ['email', 'push'] },
  { trigger: 'prediction.band_changed', match: 'churn:high', actionId: 'churn-retention', channels: ['email', 'push'] },
  { trigger: 'customer.sentiment-turned', match: '*', actionId: 'service-check-in', channels: ['email', 'push'] },
];

/** Why a rule cannot be used (a malformed id, a channel the catalogue does not know), or null. */
export function ruleProblem(rule: RecoveryActionRule): string | null {
  if (rule.actionId !== null && !ACTION_ID.test(rule.actionId)) return `${rule.actionId}: not a catalogue action id`;
  if (rule.actionId !== null && rule.channels.length === 0) return `${rule.actionId}: no channel`;
  const off = rule.channels.filter((c) => !DECISION_CHANNEL[c]);
  return off.length ? `${rule.actionId ?? rule.trigger}: the action catalogue has no ${off.join(', ')} channel` : null;
}

/** What in a trigger a rule's `match` is compared with. */
export function triggerSubject(trigger: RecoveryTrigger): string {
  if (trigger.kind === 'journey.dropoff') return trigger.journey;
  if (trigger.kind === 'prediction.band_changed') return `${trigger.model}:${trigger.toBand}`;
  return '*';
}

/** The first rule for this trigger whose match is its subject or `*`; null when none is configured. */
export function mappedAction(trigger: RecoveryTrigger, rules: readonly RecoveryActionRule[]): RecoveryActionRule | null {
  const subject = triggerSubject(trigger);
  return rules.find((r) => r.trigger === trigger.kind && (r.match === '*' || r.match === subject)) ?? null;
}

/** What insights' decision may weigh (eligibility rules read it as context.<key>): the trigger, never an identifier. */
export function decisionContext(trigger: RecoveryTrigger): Record<string, string | number> {
  if (trigger.kind === 'journey.dropoff') return { trigger: trigger.kind, journey: trigger.journey, step: trigger.stepReached, dropoff_risk: trigger.score };
  if (trigger.kind === 'prediction.band_changed') return { trigger: trigger.kind, model: trigger.model, band: trigger.toBand };
  return { trigger: trigger.kind, sentiment_score: trigger.score, sentiment_trend: trigger.trendAfter };
}

/** insights' answer to decideNextBestAction, as far as a recovery needs it. */
export type DecisionAnswer =
  | { kind: 'decided'; decisionId: string; actionId: string; channel: Channel }
  | { kind: 'holdout'; decisionId: string }
  | { kind: 'no_decision'; reason: string }
  | { kind: 'unreachable' }
  | { kind: 'not_asked' };

export interface RecoveryActionChoice {
  channel: ContentChannel;
  actionId: string | null;
  /** insights' decision the draft carries out; the reward of what it leads to is that decision's. */
  decisionId: string | null;
  source: 'decision' | 'policy' | 'none';
  /** Where the action came from, or why the draft carries none: shown to the reviewer. */
  note: string;
}

/** The content channel a decision channel is delivered on (the inverse of DECISION_CHANNEL). */
export function contentChannelOf(channel: Channel): ContentChannel | null {
  const found = Object.entries(DECISION_CHANNEL).find(([, decision]) => decision === channel);
  return found ? (found[0] as ContentChannel) : null;
}

function unusedAnswer(answer: Exclude<DecisionAnswer, { kind: 'holdout' }>): string {
  if (answer.kind === 'decided') return `insights decided ${answer.actionId} on ${answer.channel}, where this customer cannot get a recovery now`;
  if (answer.kind === 'no_decision') return `insights made no decision (${answer.reason})`;
  return answer.kind === 'unreachable' ? 'insights did not answer' : 'insights was not asked';
}

/**
 * The channel and action of a recovery draft, or `holdout` when insights put the customer in its
 * control group (they get no recovery, so the uplift it measures stays unbiased). `candidates` are
 * the channels the customer may be written to now (consented, under the cap), in the policy's order;
 * the caller gives at least one. insights' decision wins when its channel is one of them; otherwise
 * the configured rule's action goes on the first candidate it is defined on; otherwise no action.
 */
export function chooseRecoveryAction(
  candidates: readonly ContentChannel[],
  rule: RecoveryActionRule | null,
  answer: DecisionAnswer,
): RecoveryActionChoice | 'holdout' {
  if (answer.kind === 'holdout') return 'holdout';
  const first = candidates[0];
  if (!first) throw new Error('chooseRecoveryAction needs at least one candidate channel');
  if (answer.kind === 'decided') {
    const channel = contentChannelOf(answer.channel);
    if (channel && candidates.includes(channel))
      return {
        channel,
        actionId: answer.actionId,
        decisionId: answer.decisionId,
        source: 'decision',
        note: `insights decided ${answer.actionId} on ${answer.channel}`,
      };
  }
  const why = unusedAnswer(answer);
  if (!rule) return { channel: first, actionId: null, decisionId: null, source: 'none', note: `${why}; the recovery policy maps this trigger to no action` };
  if (rule.actionId === null)
    return { channel: first, actionId: null, decisionId: null, source: 'none', note: `${why}; the recovery policy gives this trigger no action` };
  const channel = candidates.find((c) => rule.channels.includes(c));
  if (!channel)
    return {
      channel: first,
      actionId: null,
      decisionId: null,
      source: 'none',
      note: `${why}; ${rule.actionId} is on ${rule.channels.join(', ')}, none of which this customer can get a recovery on now`,
    };
  return { channel, actionId: rule.actionId, decisionId: null, source: 'policy', note: `${why}; the recovery policy's ${rule.actionId}` };
}
