import type { Channel } from '@c360/contracts';
import type { ActionDefinition, FrequencyCap } from './action';
import { evaluateRule, parseRule, type RuleSubject } from './eligibility-rule';

/** One choice the bandit weighs: an action on one of its channels. */
export interface Arm {
  actionId: string;
  channel: Channel;
}

export interface PastDecision {
  actionId: string;
  channel: Channel;
  decidedAt: Date;
}

/** Why there is nothing to do for a customer: an answer, not an error. */
export type NoDecisionReason = 'no_active_action' | 'no_consented_channel' | 'not_eligible' | 'capped';

export interface CandidateQuestion {
  now: Date;
  placement: string;
  /** Channels the customer's consent allows marketing on. */
  consented: ReadonlySet<Channel>;
  subject: RuleSubject;
  /** The customer's treated decisions within the longest cap period. */
  recent: readonly PastDecision[];
}

export type Candidates = { arms: Arm[]; reason: null } | { arms: []; reason: NoDecisionReason };

export function isLive(action: ActionDefinition, now: Date, placement: string): boolean {
  return (
    action.active &&
    (!action.startsAt || action.startsAt <= now) &&
    (!action.endsAt || now < action.endsAt) &&
    (action.placements.length === 0 || action.placements.includes(placement))
  );
}

function capReached(cap: FrequencyCap, action: ActionDefinition, channel: Channel, recent: readonly PastDecision[], now: Date): boolean {
  if (cap.channel !== null && cap.channel !== channel) return false;
  const since = now.getTime() - cap.periodHours * 3_600_000;
  const used = recent.filter((d) => d.actionId === action.id && (cap.channel === null || d.channel === cap.channel) && d.decidedAt.getTime() > since);
  return used.length >= cap.max;
}

/** The longest cap period of any action: how far back past decisions must be read. */
export function longestCapHours(actions: readonly ActionDefinition[]): number {
  return actions.reduce((max, a) => a.caps.reduce((m, c) => Math.max(m, c.periodHours), max), 0);
}

/**
 * The arms a customer may be offered now, filtered in the order a marketer would explain a "no":
 * live in this placement, on a consented channel, eligible by rule, under every cap. Of what is
 * left, only the highest priority competes.
 */
export function candidateArms(actions: readonly ActionDefinition[], q: CandidateQuestion): Candidates {
  const live = actions.filter((a) => isLive(a, q.now, q.placement));
  if (live.length === 0) return { arms: [], reason: 'no_active_action' };
  const consented = live.map((a) => ({ action: a, channels: a.channels.filter((c) => q.consented.has(c)) })).filter((e) => e.channels.length > 0);
  if (consented.length === 0) return { arms: [], reason: 'no_consented_channel' };
  const eligible = consented.filter((e) => evaluateRule(parseRule(e.action.eligibility), q.subject));
  if (eligible.length === 0) return { arms: [], reason: 'not_eligible' };
  const uncapped = eligible.flatMap(({ action, channels }) =>
    channels.filter((channel) => !action.caps.some((cap) => capReached(cap, action, channel, q.recent, q.now))).map((channel) => ({ action, channel })),
  );
  if (uncapped.length === 0) return { arms: [], reason: 'capped' };
  const top = Math.max(...uncapped.map((e) => e.action.priority));
  return { arms: uncapped.filter((e) => e.action.priority === top).map((e) => ({ actionId: e.action.id, channel: e.channel })), reason: null };
}
