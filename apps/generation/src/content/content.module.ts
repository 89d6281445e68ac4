import path from 'node:path';
import type { ConsentClient } from '@c360/consent-client';
import { EVENTS, eventQueueName, type CustomerSplitEvent } from '@c360/contracts';
import { createWorker, EventPublisher, type CustomerIdentityView, type Logger, type QueueContext, type RedisClient } from '@c360/service-kit';
import type { Connection } from 'mongoose';
import { channelSpecs } from '../domain/content/content-channels';
import type { ContentConfig } from './content.config';
import { ContentArmsAnnouncer } from './content-arms.announcer';
import { ContentDrafting, type DraftingPolicy } from './content-drafting';
import { contentSubjectData } from './content-privacy';
import { createContentResolvers } from './content.resolvers';
import { ContentReview } from './content-review';
import { CustomerGroundingSource } from './grounding/customer-grounding';
import { ContentDraftRepository } from './store/content-draft.repository';
import { TokenBudgetStore } from './store/token-budget.store';
import { InsightsDecisions } from './recovery/insights-decisions.client';
import { createRecoveryDraftProcessor } from './workers/recovery-draft.processor';
import { AnthropicContentWriter } from './writers/anthropic-content-writer';
import type { ContentWriter } from './writers/content-writer';
import { OfflineContentWriter } from './writers/offline-content-writer';

export const CONTENT_SCHEMA_PATH = path.join(__dirname, 'content.graphql');

export function draftingPolicyOf(config: ContentConfig): DraftingPolicy {
  return {
    specs: channelSpecs({
      emailSubjectMax: config.CONTENT_EMAIL_SUBJECT_MAX,
      pushTitleMax: config.CONTENT_PUSH_TITLE_MAX,
      pushBodyMax: config.CONTENT_PUSH_BODY_MAX,
    }),
    marketingConsent: config.CONTENT_MARKETING_CONSENT,
    autoApprove: config.CONTENT_AUTO_APPROVE,
    bannedPhrases: config.CONTENT_BANNED_PHRASES,
    tone: {
      maxExclamations: config.CONTENT_TONE_MAX_EXCLAMATIONS,
      maxEmoji: config.CONTENT_TONE_MAX_EMOJI,
      allowedCapitals: config.CONTENT_TONE_ALLOWED_CAPITALS,
    },
    maxAttempts: config.CONTENT_MAX_ATTEMPTS,
    brandName: config.CONTENT_BRAND_NAME,
  };
}

function writerFor(config: ContentConfig, budget: TokenBudgetStore): ContentWriter {
  if (!config.ANTHROPIC_API_KEY) return new OfflineContentWriter();
  return new AnthropicContentWriter({
    apiKey: config.ANTHROPIC_API_KEY,
    baseURL: config.ANTHROPIC_BASE_URL,
    model: config.ANTHROPIC_MODEL,
    brandGuide: config.CONTENT_BRAND_GUIDE,
    pricing: config.ANTHROPIC_PRICING,
    maxTokensPerVariant: config.ANTHROPIC_MAX_TOKENS_PER_VARIANT,
    streamAboveTokens: config.ANTHROPIC_STREAM_ABOVE_TOKENS,
    timeoutMs: config.ANTHROPIC_TIMEOUT_MS,
    retry: { maxRetries: config.ANTHROPIC_MAX_RETRIES, maxWaitMs: config.ANTHROPIC_RETRY_BUDGET_MS, baseDelayMs: config.ANTHROPIC_RETRY_BASE_MS },
    budget,
  });
}

/** Everything content drafting needs inside generation, so service.ts wires it with a few lines. */
export async function startContent(deps: {
  mongo: Connection;
  redis: RedisClient;
  queues: QueueContext;
  identities: CustomerIdentityView;
  consent: ConsentClient;
  config: ContentConfig;
  logger: Logger;
  concurrency: number;
}) {
  const { config } = deps;
  const drafts = new ContentDraftRepository(deps.mongo);
  await drafts.ensureIndexes();
  const budget = new TokenBudgetStore(deps.redis, config.QUEUE_PREFIX, config.CONTENT_DAILY_TOKENS, config.CONTENT_DAILY_TOKENS_DEFAULT);
  const grounding = new CustomerGroundingSource({
    identityGraphUrl: config.IDENTITY_GRAPH_URL,
    touchpointStoreUrl: config.TOUCHPOINT_STORE_URL,
    insightsUrl: config.INSIGHTS_URL,
    internalTokenSecret: config.INTERNAL_TOKEN_SECRET,
    timeoutMs: config.CONTENT_SOURCE_TIMEOUT_MS,
    journeyLookbackDays: config.CONTENT_JOURNEY_LOOKBACK_DAYS,
  });
  const policy = draftingPolicyOf(config);
  const publisher = new EventPublisher(deps.queues);
  const announcer = new ContentArmsAnnouncer({ drafts, publisher, logger: deps.logger });
  announcer.start(config.CONTENT_ARMS_SWEEP_MS);
  const writer = writerFor(config, budget);
  const drafting = new ContentDrafting({ drafts, identities: deps.identities, consent: deps.consent, grounding, writer, policy, announcer });
  const review = new ContentReview(drafts, policy, announcer);
  const recovery = createRecoveryDraftProcessor({
    drafting,
    drafts,
    identities: deps.identities,
    consent: deps.consent,
    marketingConsent: config.CONTENT_MARKETING_CONSENT,
    policy: {
      channels: config.CONTENT_RECOVERY_CHANNELS,
      minDropoffScore: config.CONTENT_RECOVERY_MIN_SCORE,
      bandTriggers: config.CONTENT_RECOVERY_BAND_TRIGGERS,
      afterNegativeTurn: config.CONTENT_RECOVERY_AFTER_NEGATIVE_TURN,
      maxPerWindow: config.CONTENT_RECOVERY_MAX_PER_WINDOW,
      windowHours: config.CONTENT_RECOVERY_WINDOW_HOURS,
      actions: config.CONTENT_RECOVERY_ACTIONS,
    },
    decisions: config.CONTENT_RECOVERY_ASK_INSIGHTS
      ? new InsightsDecisions({
          insightsUrl: config.INSIGHTS_URL,
          internalTokenSecret: config.INTERNAL_TOKEN_SECRET,
          timeoutMs: config.CONTENT_SOURCE_TIMEOUT_MS,
        })
      : undefined,
    placement: config.CONTENT_RECOVERY_PLACEMENT,
  });
  const settings = { logger: deps.logger, concurrency: deps.concurrency };
  return {
    drafts,
    budget,
    resolvers: createContentResolvers({ drafting, review, drafts, identities: deps.identities }),
    workers: [
      createWorker(deps.queues, eventQueueName(EVENTS.journeyDropoff, 'generation'), recovery, settings),
      createWorker(deps.queues, eventQueueName(EVENTS.predictionBandChanged, 'generation'), recovery, settings),
      createWorker(deps.queues, eventQueueName(EVENTS.customerSentimentTurned, 'generation'), recovery, settings),
    ],
    privacy: contentSubjectData({ drafts, queues: deps.queues }),
    onSplit: (event: CustomerSplitEvent) => drafts.deleteGroundedOnOthers([event.restoredCustomerId, ...event.restoredLineage]),
    close: async () => {
      await announcer.close();
      await publisher.close();
    },
  };
}
