import type { ConsentClient } from '@c360/consent-client';
import type { CustomerIdentityView } from '@c360/service-kit';
import type { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import type { Resolvers } from '../__generated__/resolvers-types';
import { enqueueSegmentation, type SegmentationJob } from './segmentation.job';
import type { SegmentRepository } from './segment.repository';

const upper = (s: string) => s.toUpperCase();

export function createSegmentResolvers(deps: {
  segments: SegmentRepository;
  queue: Queue<SegmentationJob>;
  identities: CustomerIdentityView;
  consent: Pick<ConsentClient, 'isAllowed'>;
}): Resolvers {
  return {
    SegmentationStatus: { QUEUED: 'queued', RUNNING: 'running', SUCCEEDED: 'succeeded', FAILED: 'failed' },
    Customer: {
      segment: async (customer) => {
        const survivor = await deps.identities.survivorOf(customer.id);
        if (!(await deps.consent.isAllowed({ customerId: survivor, purpose: 'profiling' }))) return null;
        const membership = await deps.segments.membershipOf(survivor);
        if (!membership) return null;
        const run = await deps.segments.getRun(membership.segmentationId);
        const segment = run?.result?.segments.find((s) => s.id === membership.segmentId);
        return { id: membership.segmentId, description: segment?.description ?? '', assignedAt: membership.assignedAt };
      },
    },
    Segmentation: {
      k: (s) => s.result?.k ?? null,
      criterion: (s) => s.result?.criterion ?? null,
      silhouette: (s) => s.result?.silhouette ?? null,
      segments: (s) => (s.result?.segments ?? []).map((seg) => ({ ...seg, profile: seg.profile.map((p) => ({ ...p, level: upper(p.level) })) })),
    },
    Query: {
      segments: () => deps.segments.latestSucceeded(),
      segmentation: (_root, { id }) => deps.segments.getRun(id),
    },
    Mutation: {
      runSegmentation: async () => {
        const run = await deps.segments.createRun(`seg-run-${randomUUID()}`, new Date());
        await enqueueSegmentation(deps.queue, run.id);
        return run;
      },
    },
  };
}
