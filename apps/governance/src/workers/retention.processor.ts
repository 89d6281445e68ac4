import { DATA_CLASSES, PRIVACY_QUEUES, type DataClass } from '@c360/contracts';
import { refuseUnreadableVersion } from '@c360/service-kit';
import type { Job } from 'bullmq';
import { retentionCutoff, type RetentionPolicy } from '../domain/retention';
import type { RequestFlows } from '../privacy/request-flows';

/**
 * privacy-retention (repeatable): starts one retention flow per run, a child per data class and
 * service holding it. The run id comes from the scheduled job's timestamp, so a retried run adds the
 * same flow (same job ids) rather than a second one; the flow's parent audits the run.
 */
export function createRetentionProcessor(flows: RequestFlows, policies: readonly RetentionPolicy[]) {
  return async (job: Job): Promise<{ runId: string }> => {
    refuseUnreadableVersion(PRIVACY_QUEUES.retention, job.data);
    const runId = `run${job.timestamp}`;
    const now = new Date(job.timestamp);
    const classes = policies.map((p) => ({
      dataClass: p.dataClass,
      olderThan: retentionCutoff(p, now),
      services: DATA_CLASSES[p.dataClass as DataClass].services,
    }));
    await flows.startRetention(runId, classes);
    return { runId };
  };
}
