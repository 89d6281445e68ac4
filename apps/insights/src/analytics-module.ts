import path from 'node:path';
import type { Logger, QueueContext } from '@c360/service-kit';
import type { Worker } from 'bullmq';
import type { Connection } from 'mongoose';
import { AttributionUseCase } from './attribution/attribution.use-case';
import { createAttributionResolvers } from './attribution/attribution.resolvers';
import type { InsightsConfig } from './config';
import { createJourneyAlertResolvers } from './journey-alerts/journey-alerts.resolvers';
import { JourneyAlertsUseCase } from './journey-alerts/journey-alerts.use-case';
import { startJourneyAlertsWorker } from './journey-alerts/journey-alerts.worker';
import { TouchpointJourneys } from './journeys/touchpoint-journeys.client';
import { JourneyAlertRepository } from './store/journey-alert.repository';

/**
 * Population analytics (issue 15): attribution and journey alerts, wired as one module so service.ts
 * only adds its schema files, resolvers and worker.
 */
export async function createAnalyticsModule(config: InsightsConfig, mongo: Connection, queues: QueueContext, logger: Logger) {
  const journeys = new TouchpointJourneys({ url: config.TOUCHPOINT_STORE_URL, internalTokenSecret: config.INTERNAL_TOKEN_SECRET });
  const alerts = new JourneyAlertRepository(mongo);
  await alerts.ensureIndexes();
  const alertRuns = new JourneyAlertsUseCase(journeys, alerts, config.JOURNEY_ALERTS_HISTORY_DAYS);
  const attribution = new AttributionUseCase(journeys, { replicates: config.ATTRIBUTION_BOOTSTRAP_REPLICATES, seed: 1 });
  const workers: Worker[] = [await startJourneyAlertsWorker(queues, alertRuns, { cron: config.JOURNEY_ALERTS_CRON, logger })];
  return {
    schemaPaths: [path.join(__dirname, 'attribution/attribution.graphql'), path.join(__dirname, 'journey-alerts/journey-alerts.graphql')],
    resolvers: [createAttributionResolvers(attribution), createJourneyAlertResolvers(alertRuns)],
    workers,
  };
}
