import { QUEUES, resolveJobSchema } from '@c360/contracts';
import type { IdentifierRegistry } from '@c360/identifiers';
import { createQueue, removeEventsMentioning, removeJobsMatching, type PrivacyHandlers, type QueueContext } from '@c360/service-kit';
import type { IdentityPrivacyRepository } from '../store/privacy.repository';

export interface IdentityPrivacyDeps {
  privacy: IdentityPrivacyRepository;
  queues: QueueContext;
  /** Normalises identifiers exactly as resolution does, so a queued job's raw email matches the erased key. */
  registry: IdentifierRegistry;
}

/** An identity-resolve job is about the person if it carries one of their touchpoints or identifiers. */
function resolveJobAbout(keys: ReadonlySet<string>, messageIds: ReadonlySet<string>, registry: IdentifierRegistry) {
  return (data: unknown) => {
    const parsed = resolveJobSchema.safeParse(data);
    if (!parsed.success) return false;
    if (messageIds.has(parsed.data.messageId)) return true;
    return parsed.data.identifiers.some(({ type, value }) => {
      const n = registry.normalise(type, value);
      return n.ok && keys.has(n.identifier.key);
    });
  };
}

/**
 * identity-graph's part of a data-subject request: customers, identifiers and merge records in Neo4j,
 * and identity-resolve jobs still holding the person's identifiers in Redis.
 */
export function createIdentityPrivacyHandlers(deps: IdentityPrivacyDeps): PrivacyHandlers {
  return {
    service: 'identity-graph',
    erase: async (job) => {
      const erased = await deps.privacy.erase(job.customerIds);
      const queue = createQueue(deps.queues, QUEUES.identityResolve);
      try {
        const queuedJobs = await removeJobsMatching(queue, resolveJobAbout(new Set(erased.identifierKeys), new Set(erased.messageIds), deps.registry));
        // Completed resolutions left their result (the customer id) in the queue's event stream.
        await removeEventsMentioning(queue, job.customerIds);
        return {
          customers: erased.customers,
          identifiers: erased.identifiers,
          merges: erased.merges,
          touchpoints: erased.touchpoints,
          records: erased.records,
          queuedJobs,
        };
      } finally {
        await queue.close();
      }
    },
    verify: async (job) => deps.privacy.remaining(job.customerIds),
    export: async (job) => deps.privacy.export(job.customerIds),
    // identity-graph holds no data class with a retention period: a person's identity lives as long as they do.
    retention: async () => 0,
  };
}
