import type { ConsentClient } from '@c360/consent-client';
import { EVENTS, sentimentTurnJobId, touchpointsOf, type CustomerUpdatedEvent, type SentimentTurnedEvent } from '@c360/contracts';
import { firstNegativeTurn } from '@c360/sentiment';
import type { CustomerIdentityView, EventPublisher } from '@c360/service-kit';
import type { SentimentModels } from './sentiment-models';
import type { SentimentScoreRecord, SentimentScoreRepository } from './sentiment-score.repository';
import type { TouchpointTextClient } from './touchpoint-text.client';

export interface SentimentScoringDeps {
  scores: SentimentScoreRepository;
  models: SentimentModels;
  texts: Pick<TouchpointTextClient, 'textsOf'>;
  identities: CustomerIdentityView;
  consent: Pick<ConsentClient, 'check'>;
  events: Pick<EventPublisher, 'publish'>;
}

/** What the consent answer means for sentiment kept on a customer. */
export type ProfilingVerdict = 'allowed' | 'refused' | 'unknown';

export async function profilingVerdict(consent: Pick<ConsentClient, 'check'>, customerId: string): Promise<ProfilingVerdict> {
  const answer = await consent.check({ customerId, purpose: 'profiling' });
  if (answer.allowed) return 'allowed';
  // Governance not answering is no refusal: nothing is scored or shown, but nothing is deleted either.
  return answer.reason === 'unavailable' ? 'unknown' : 'refused';
}

/**
 * Scores the text of the touchpoints a customer.updated adds, when they arrive, with the active
 * model; keeps the scores (not the text) and publishes a sharp negative turn. Without profiling
 * consent nothing is scored and what was kept is removed. Safe to run twice on the same event.
 */
export class SentimentScoring {
  constructor(private readonly deps: SentimentScoringDeps) {}

  async onCustomerUpdated(event: CustomerUpdatedEvent): Promise<void> {
    // Events that say a touchpoint has no text spare the round trip to touchpoint-store; older events do not say.
    const messageIds = touchpointsOf(event)
      .filter((t) => t.hasText !== false)
      .map((t) => t.messageId);
    if (messageIds.length === 0) return;
    const verdict = await profilingVerdict(this.deps.consent, event.customerId);
    if (verdict === 'refused') {
      await this.deps.scores.eraseCustomers(await this.deps.identities.expand(event.customerId));
      return;
    }
    // Unknown consent: fail the job so it is retried once governance answers, rather than drop the text.
    if (verdict === 'unknown') throw new Error('profiling consent unknown: governance did not answer');
    const texts = await this.deps.texts.textsOf(messageIds);
    if (texts.length === 0) return;
    const model = await this.deps.models.current();
    const records: SentimentScoreRecord[] = texts.map((t) => {
      const { score, label } = model.score(t.text);
      return {
        messageId: t.messageId,
        customerId: event.customerId,
        channel: t.channel,
        type: t.type,
        occurredAt: t.occurredAt,
        score,
        label,
        modelVersion: model.version,
      };
    });
    const added = new Set(records.map((r) => r.messageId));
    const history = (await this.deps.scores.scoresOf(await this.deps.identities.expand(event.customerId))).filter((s) => !added.has(s.messageId));
    await this.deps.scores.recordMany(records);
    // Asked again after the write: a withdrawal that landed since the first answer removes these scores and publishes no turn.
    if ((await profilingVerdict(this.deps.consent, event.customerId)) === 'refused') {
      await this.deps.scores.eraseCustomers(await this.deps.identities.expand(event.customerId));
      return;
    }
    const turn = firstNegativeTurn(history, records);
    if (!turn) return;
    const payload: SentimentTurnedEvent = {
      customerId: event.customerId,
      messageId: turn.text.messageId,
      trendBefore: turn.before,
      trendAfter: turn.after,
      score: turn.score,
      modelVersion: model.version,
      occurredAt: turn.at.toISOString(),
      detectedAt: new Date().toISOString(),
    };
    await this.deps.events.publish(EVENTS.customerSentimentTurned, payload, sentimentTurnJobId(turn.text.messageId));
  }
}
