import path from 'node:path';
import type { ConsentClient } from '@c360/consent-client';
import { EVENTS, eventQueueName, type CustomerSplitEvent } from '@c360/contracts';
import { createWorker, type CustomerIdentityView, type Logger, type QueueContext, type TouchFactRepository } from '@c360/service-kit';
import type { Connection } from 'mongoose';
import { startPeriodicTask } from '../workers/periodic-task';
import { ActionRepository } from './action.repository';
import { ArmStateRepository } from './arm-state.repository';
import { ContentArmRepository } from './content-arm.repository';
import { createContentArmsProcessor } from './content-arms.processor';
import { EngagementProfileSource, type ProfileSource } from './customer-profile';
import { DecisionOutcomes } from './decision-outcomes';
import { DecisionRepository } from './decision.repository';
import type { DecisionsConfig } from './decisions.config';
import { decisionSubjectData } from './decisions-privacy';
import { createDecisionResolvers } from './decisions.resolvers';
import { NextBestAction } from './next-best-action';

export const DECISIONS_SCHEMA_PATH = path.join(__dirname, 'decisions.graphql');

/** Everything next-best-action needs inside insights, so service.ts wires it with a few lines. */
export async function startDecisions(deps: {
  mongo: Connection;
  queues: QueueContext;
  identities: CustomerIdentityView;
  consent: Pick<ConsentClient, 'isAllowed'>;
  touches: TouchFactRepository;
  config: DecisionsConfig;
  logger: Logger;
  concurrency?: number;
  /** Where features come from; insights' engagement until the feature store stands behind it. */
  profiles?: ProfileSource;
}) {
  const actions = new ActionRepository(deps.mongo);
  const decisions = new DecisionRepository(deps.mongo);
  const arms = new ArmStateRepository(deps.mongo);
  const contentArms = new ContentArmRepository(deps.mongo);
  await Promise.all([actions.ensureIndexes(), decisions.ensureIndexes(), arms.ensureIndexes(), contentArms.ensureIndexes()]);
  const profiles = deps.profiles ?? new EngagementProfileSource(deps.touches);
  const nba = new NextBestAction({ actions, decisions, arms, contentArms, identities: deps.identities, consent: deps.consent, profiles, config: deps.config });
  const outcomes = new DecisionOutcomes({ decisions, arms, contentArms, identities: deps.identities, conversionEvents: deps.config.NBA_CONVERSION_EVENTS });
  const contentEvents = createContentArmsProcessor(contentArms);
  const settings = { logger: deps.logger, concurrency: deps.concurrency ?? 1 };
  const sweep = startPeriodicTask('close expired decisions', deps.config.NBA_SWEEP_MS, () => outcomes.closeExpired(), deps.logger);
  return {
    resolvers: createDecisionResolvers({
      actions,
      decisions,
      contentArms,
      identities: deps.identities,
      nba,
      outcomes,
      holdoutShare: deps.config.NBA_HOLDOUT_SHARE,
    }),
    onCustomerUpdated: outcomes.onCustomerUpdated.bind(outcomes),
    /** content.approved / content.withdrawn from generation: the arms decisions choose among. */
    workers: [EVENTS.contentApproved, EVENTS.contentWithdrawn].map((event) =>
      createWorker(deps.queues, eventQueueName(event, 'insights'), contentEvents, settings),
    ),
    onSplit: (event: CustomerSplitEvent) => contentArms.deleteGroundedOnOthers([event.restoredCustomerId, ...event.restoredLineage]),
    privacy: decisionSubjectData(decisions, contentArms, deps.queues),
    close: sweep.close,
  };
}
