import { createHash } from 'node:crypto';
import type { Caller } from '@c360/auth';
import type { ConsentClient } from '@c360/consent-client';
import { EVENTS, journeyDropoffEventSchema, predictionBandChangedEventSchema, sentimentTurnedEventSchema } from '@c360/contracts';
import { refuseUnreadableVersion, type CustomerIdentityView } from '@c360/service-kit';
import { UnrecoverableError, type Job } from 'bullmq';
import type { ContentChannel } from '../../domain/content/content-channels';
import { recoveryChannels, recoveryPlan, type RecoveryPolicy, type RecoveryTrigger } from '../../domain/content/recovery';
import { chooseRecoveryAction, decisionContext, mappedAction, type DecisionAnswer } from '../../domain/content/recovery-action';
import type { ConsentRule, ContentDrafting } from '../content-drafting';
import { ContentError } from '../content-errors';
import type { InsightsDecisions } from '../recovery/insights-decisions.client';
import type { ContentDraftRepository } from '../store/content-draft.repository';

export interface RecoveryDeps {
  drafting: ContentDrafting;
  drafts: ContentDraftRepository;
  identities: CustomerIdentityView;
  consent: Pick<ConsentClient, 'check'>;
  marketingConsent: Record<ContentChannel, ConsentRule>;
  policy: RecoveryPolicy;
  /** insights' next best action, asked which action a recovery carries; absent: the policy's mapping alone. */
  decisions?: Pick<InsightsDecisions, 'decide'>;
  /** The placement recoveries are decided in (insights' actions list it, or none for any). */
  placement: string;
  now?: () => Date;
}

/** Drafts for events are written as generation itself, the role any service worker has. */
const WORKER_CALLER: Caller = { subject: 'generation:recovery', roles: ['service'], scopes: [] };

export type RecoveryOutcome = 'drafted' | 'below_threshold' | 'no_consent' | 'capped' | 'duplicate' | 'holdout';

function triggerOf(job: Job): RecoveryTrigger {
  if (job.name === 'journey.dropoff') {
    refuseUnreadableVersion(EVENTS.journeyDropoff, job.data);
    const parsed = journeyDropoffEventSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed journey.dropoff: ${parsed.error.issues[0]?.message ?? ''}`);
    const { dropoffId, customerId, journey, stepReached, score } = parsed.data;
    return { kind: 'journey.dropoff', eventId: dropoffId, customerId, journey, stepReached, score };
  }
  if (job.name === 'customer.sentiment-turned') {
    refuseUnreadableVersion(EVENTS.customerSentimentTurned, job.data);
    const parsed = sentimentTurnedEventSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed customer.sentiment-turned: ${parsed.error.issues[0]?.message ?? ''}`);
    const { customerId, messageId, score, trendBefore, trendAfter } = parsed.data;
    // One turn per touchpoint: its messageId identifies the event.
    return { kind: 'customer.sentiment-turned', eventId: messageId, customerId, score, trendBefore, trendAfter };
  }
  refuseUnreadableVersion(EVENTS.predictionBandChanged, job.data);
  const parsed = predictionBandChangedEventSchema.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`malformed customer.prediction.band_changed: ${parsed.error.issues[0]?.message ?? ''}`);
  const { customerId, kind, band, previousBand, modelId, scoredAt } = parsed.data;
  // The event has no id of its own: one band entry per customer, model and scoring is one event.
  const eventId = createHash('sha256')
    .update(JSON.stringify([customerId, modelId, band, scoredAt]))
    .digest('hex')
    .slice(0, 32);
  return { kind: 'prediction.band_changed', eventId, customerId, model: kind, fromBand: previousBand, toBand: band };
}

/**
 * A recovery consumes a real decision of insights' next best action, asked after consent and caps
 * (so none is spent on a customer nobody may write to): the decision is logged with its propensity,
 * counts against the action's caps, and is rewarded by what follows, so the platform learns which
 * recovery works; and the holdout is honoured at the moment of the trigger, so uplift compares
 * treated and held-out customers who dropped off alike. The event's draft id is the request id, so a
 * retried or redelivered job gets the same decision, never a second.
 */
async function askInsights(deps: RecoveryDeps, trigger: RecoveryTrigger, customerId: string, draftId: string): Promise<DecisionAnswer> {
  if (!deps.decisions) return { kind: 'not_asked' };
  const requestId = `recovery-${createHash('sha256').update(draftId).digest('hex').slice(0, 40)}`;
  return deps.decisions.decide(WORKER_CALLER, { customerId, placement: deps.placement, context: decisionContext(trigger), requestId });
}

/**
 * A recovery draft for a drop-off, a band change or a sharp negative turn in the customer's words: only for channels whose marketing consent the
 * customer gave (and personalisation), within the frequency cap, once per event (the draft's id is
 * the event's). Consent that governance cannot answer is retried, never assumed.
 */
export function createRecoveryDraftProcessor(deps: RecoveryDeps) {
  return async (job: Job): Promise<RecoveryOutcome> => {
    const trigger = triggerOf(job);
    const plan = recoveryPlan(trigger, deps.policy);
    if (!plan) return 'below_threshold';
    const customerId = await deps.identities.survivorOf(trigger.customerId);
    const draftId = `${trigger.kind}:${trigger.eventId}`;
    if (await deps.drafts.get(draftId)) return 'duplicate';
    const personalisation = await deps.consent.check({ customerId, purpose: 'personalisation' });
    if (personalisation.reason === 'unavailable') throw new Error('consent unavailable; retrying');
    if (!personalisation.allowed) return 'no_consent';
    const consented = new Set<ContentChannel>();
    for (const channel of deps.policy.channels) {
      const rule = deps.marketingConsent[channel];
      const answer = await deps.consent.check({ customerId, purpose: rule.purpose, channel: rule.channel });
      if (answer.reason === 'unavailable') throw new Error('consent unavailable; retrying');
      if (answer.allowed) consented.add(channel);
    }
    if (consented.size === 0) return 'no_consent';
    const ids = await deps.identities.expand(customerId);
    const since = new Date((deps.now?.() ?? new Date()).getTime() - deps.policy.windowHours * 3_600_000);
    const counts = new Map<ContentChannel, number>();
    for (const channel of consented) counts.set(channel, await deps.drafts.countTriggeredSince(ids, channel, since));
    const candidates = recoveryChannels(deps.policy, consented, counts);
    if (candidates.length === 0) return 'capped';
    const choice = chooseRecoveryAction(candidates, mappedAction(trigger, deps.policy.actions), await askInsights(deps, trigger, customerId, draftId));
    // insights held the customer out: treating them anyway would bias the uplift its holdout measures.
    if (choice === 'holdout') return 'holdout';
    try {
      await deps.drafting.draft(
        WORKER_CALLER,
        { customerId, channel: choice.channel, purpose: plan.purpose, brief: plan.brief, variants: 2, actionId: choice.actionId },
        {
          extraFacts: plan.facts,
          trigger: { kind: trigger.kind, eventId: trigger.eventId },
          recovery: { decisionId: choice.decisionId, actionNote: choice.note },
        },
      );
    } catch (err) {
      // A refusal that retrying cannot change ends the job; a provider outage is retried by BullMQ.
      if (err instanceof ContentError && err.code !== 'PROVIDER_UNAVAILABLE') throw new UnrecoverableError(`${err.code}: ${err.message}`);
      throw err;
    }
    return 'drafted';
  };
}
