import { INTERNAL_QUEUES, stampVersion } from '@c360/contracts';
import { createQueue, createWorker, type Logger, type QueueContext } from '@c360/service-kit';
import type { Worker } from 'bullmq';
import { DAY_MS } from '../domain/journey-alerts/journey-sessions';
import type { JourneyAlertsUseCase } from './journey-alerts.use-case';

/** insights' own queue: the daily run is work insights gives itself, no other service reads it. */
export const JOURNEY_ALERTS_QUEUE = INTERNAL_QUEUES.insightsJourneyAlerts;
const SCHEDULER_ID = 'journey-alerts-daily';

/**
 * The daily run: a repeatable job (one scheduler, so every instance registering it keeps one
 * schedule) that judges the UTC day before the one it fires on. Rerunning a day stores the same
 * alerts again (see JourneyAlertRepository), so a retried job is harmless.
 */
export async function startJourneyAlertsWorker(
  queues: QueueContext,
  useCase: JourneyAlertsUseCase,
  options: { cron: string; logger: Logger },
): Promise<Worker> {
  const queue = createQueue<{ schemaVersion?: string }>(queues, JOURNEY_ALERTS_QUEUE);
  try {
    await queue.upsertJobScheduler(SCHEDULER_ID, { pattern: options.cron, tz: 'UTC' }, { name: 'daily', data: stampVersion(JOURNEY_ALERTS_QUEUE, {}) });
  } finally {
    await queue.close();
  }
  return createWorker(
    queues,
    JOURNEY_ALERTS_QUEUE,
    async (job) => {
      const today = Math.floor(job.timestamp / DAY_MS) * DAY_MS;
      const run = await useCase.run(new Date(today - DAY_MS), new Date(today));
      options.logger.info({ queue: JOURNEY_ALERTS_QUEUE, jobId: job.id, ...run }, 'journey alerts run');
      return run;
    },
    { logger: options.logger, concurrency: 1 },
  );
}
