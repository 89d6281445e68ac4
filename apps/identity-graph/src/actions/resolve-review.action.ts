import { batchJobOf, EVENTS, jobIdFor, QUEUES, type BatchJob, type CustomerUpdatedEvent, type LinkJob } from '@c360/contracts';
import type { EventPublisher } from '@c360/service-kit';
import type { Queue } from 'bullmq';
import type { IdentityMetrics } from '../metrics/identity.metrics';
import type { ReviewOutcome, ReviewRepository } from '../store/review.repository';

export interface ResolveReviewDeps {
  reviews: ReviewRepository;
  events: EventPublisher;
  linkQueue: Queue<BatchJob<LinkJob>>;
  metrics: IdentityMetrics;
}

/**
 * A steward's decision on a review. An accepted match merges the pair, then tells the other
 * services as any merge does: customer.updated, and touchpoint-link for each touchpoint moved.
 */
export async function resolveIdentityReview(deps: ResolveReviewDeps, id: string, decision: 'merge' | 'reject', by: string): Promise<ReviewOutcome> {
  const outcome = await deps.reviews.resolve(id, decision, by);
  deps.metrics.reviewDecisions.inc({ decision: outcome.kind === 'error' ? 'refused' : outcome.kind });
  if (outcome.kind !== 'merged') return outcome;
  const now = new Date().toISOString();
  const event: CustomerUpdatedEvent = { customerId: outcome.customerId, version: outcome.version, mergedCustomerIds: outcome.lineage, updatedAt: now };
  await deps.events.publish(EVENTS.customerUpdated, event, jobIdFor(`cu-${outcome.version}`, `review:${id}`));
  const links: LinkJob[] = outcome.messageIds.map((messageId) => ({
    messageId,
    customerId: outcome.customerId,
    mergedCustomerIds: outcome.lineage,
    linkedAt: now,
  }));
  if (links.length > 0)
    await deps.linkQueue.add('link', batchJobOf(QUEUES.touchpointLink, links), { jobId: jobIdFor('lnk', `review:${outcome.mergeId || id}`) });
  return outcome;
}
