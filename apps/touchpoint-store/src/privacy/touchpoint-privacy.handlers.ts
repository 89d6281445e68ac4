import { QUEUES, type SubjectJob } from '@c360/contracts';
import { countJobsMatching, createQueue, removeJobsMatching, type CustomerIdentityView, type PrivacyHandlers, type QueueContext } from '@c360/service-kit';
import type { IdentifierRegistry } from '@c360/identifiers';
import type { Queue } from 'bullmq';
import { suppressionKeys } from '../domain/identifier-keys';
import type { SuppressionList } from '../store/suppression-list';
import type { TouchpointPrivacyRepository, UnlinkedItem } from '../store/touchpoint-privacy.repository';

export interface TouchpointPrivacyDeps {
  privacy: TouchpointPrivacyRepository;
  identities: CustomerIdentityView;
  queues: QueueContext;
  /** Governance suppresses a person's identifiers before erasure starts: items no customer owns are found by them. */
  suppression: SuppressionList;
  identifiers: IdentifierRegistry;
}

/**
 * The items among these whose identifiers (or, with none, person traits) are on the suppression list.
 * Erasure jobs carry customer ids only, so touchpoints never linked to a customer (and quarantined
 * ones) are recognised this way, without any identifier travelling through Redis. Both sets are
 * small: in flight, failed or held.
 */
async function suppressedAmong(items: readonly UnlinkedItem[], deps: TouchpointPrivacyDeps): Promise<string[]> {
  const keyed = items.map((item) => ({ id: item.messageId, keys: suppressionKeys(item.identifiers, item.traits, deps.identifiers) }));
  const suppressed = await deps.suppression.suppressed(keyed.flatMap((k) => k.keys));
  return keyed.filter((k) => k.keys.some((key) => suppressed.has(key))).map((k) => k.id);
}

/** A queued job is about the person if it names one of their touchpoints or customer ids. */
function jobAbout(ids: ReadonlySet<string>, messageIds: ReadonlySet<string>) {
  return (data: unknown) => {
    const d = data as { messageId?: unknown; customerId?: unknown; touchpoint?: { messageId?: unknown } };
    const messageId = d.touchpoint?.messageId ?? d.messageId;
    return (typeof messageId === 'string' && messageIds.has(messageId)) || (typeof d.customerId === 'string' && ids.has(d.customerId));
  };
}

// The queues whose jobs carry touchpoints or their links: ingestion (whole touchpoints, identifiers
// included), linking, and the resolution requests touchpoint-store queues for identity-graph.
const JOB_QUEUES = [QUEUES.touchpointIngest, QUEUES.touchpointLink, QUEUES.identityResolve];

async function overJobQueues(ctx: QueueContext, fn: (q: Queue) => Promise<number>): Promise<number> {
  let sum = 0;
  for (const name of JOB_QUEUES) {
    const queue = createQueue(ctx, name);
    try {
      sum += await fn(queue);
    } finally {
      await queue.close();
    }
  }
  return sum;
}

/** touchpoint-store's part of a data-subject request: the person's touchpoints, its view of who is who and queued jobs. */
export function createTouchpointPrivacyHandlers(deps: TouchpointPrivacyDeps): PrivacyHandlers {
  // Exactly the ids identity-graph gave for the person: the local view may lag behind a split.
  const ids = async (job: SubjectJob) => job.customerIds;
  return {
    service: 'touchpoint-store',
    erase: async (job) => {
      const all = await ids(job);
      // Gathered before deletion: afterwards nothing links a queued job's messageId to this person.
      const messageIds = new Set(await deps.privacy.messageIds(all));
      const unlinked = await suppressedAmong(await deps.privacy.unlinked(), deps);
      const quarantined = await suppressedAmong(await deps.privacy.quarantined(), deps);
      for (const id of [...unlinked, ...quarantined]) messageIds.add(id);
      const touchpoints = await deps.privacy.eraseCustomers(all);
      return {
        touchpoints,
        unlinkedTouchpoints: await deps.privacy.deleteUnlinked(unlinked),
        quarantined: await deps.privacy.deleteQuarantined(quarantined),
        queuedJobs: await overJobQueues(deps.queues, (q) => removeJobsMatching(q, jobAbout(new Set(all), messageIds))),
        identityView: await deps.identities.eraseCustomers(all),
      };
    },
    verify: async (job) => {
      const all = await ids(job);
      return {
        touchpoints: await deps.privacy.countForCustomers(all),
        unlinkedTouchpoints: (await suppressedAmong(await deps.privacy.unlinked(), deps)).length,
        quarantined: (await suppressedAmong(await deps.privacy.quarantined(), deps)).length,
        queuedJobs: await overJobQueues(deps.queues, (q) => countJobsMatching(q, jobAbout(new Set(all), new Set()))),
        identityView: await deps.identities.countForCustomers(all),
      };
    },
    export: async (job) => ({ touchpoints: await deps.privacy.forCustomers(await ids(job)) }),
    retention: async (job) => (job.dataClass === 'touchpoints' ? deps.privacy.deleteOlderThan(new Date(job.olderThan)) : 0),
  };
}
