import { contentApprovedEventSchema, contentWithdrawnEventSchema, EVENTS } from '@c360/contracts';
import { refuseUnreadableVersion } from '@c360/service-kit';
import { UnrecoverableError, type Job } from 'bullmq';
import type { ContentArmRepository } from './content-arm.repository';

/**
 * content.approved / content.withdrawn from generation, kept as insights' own copy of the arms.
 *
 * Why an event rather than asking generation at decision time: decisions are made by the hundred
 * per second on a path that today reads only insights' own database, and a call to generation would
 * put its latency and its outages on that path. With the copy, a decision reads one more local
 * collection in parallel with its other reads, and when generation is down decisions go on with
 * the arms already approved (an approval made meanwhile waits in the queue). Both events are final
 * and idempotent, so redelivery and reordering leave the copy as generation's drafts are.
 */
export function createContentArmsProcessor(arms: Pick<ContentArmRepository, 'approved' | 'withdrawn'>) {
  return async (job: Job): Promise<void> => {
    if (job.name === EVENTS.contentApproved) {
      refuseUnreadableVersion(EVENTS.contentApproved, job.data);
      const parsed = contentApprovedEventSchema.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`malformed content.approved: ${parsed.error.issues[0]?.message ?? ''}`);
      await arms.approved(parsed.data);
      return;
    }
    if (job.name === EVENTS.contentWithdrawn) {
      refuseUnreadableVersion(EVENTS.contentWithdrawn, job.data);
      const parsed = contentWithdrawnEventSchema.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`malformed content.withdrawn: ${parsed.error.issues[0]?.message ?? ''}`);
      await arms.withdrawn(parsed.data);
      return;
    }
    throw new UnrecoverableError(`unknown content event ${job.name}`);
  };
}
