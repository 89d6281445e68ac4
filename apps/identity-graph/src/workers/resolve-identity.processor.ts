import { EVENTS, jobIdFor, resolveJobSchema, type CustomerUpdatedEvent, type LinkJob, type ResolveJob } from '@c360/contracts';
import type { IdentifierRegistry, NormalisedIdentifier } from '@c360/identifiers';
import type { EventPublisher, Logger } from '@c360/service-kit';
import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import { blockingKeys } from '../domain/blocking';
import { normaliseTraits } from '../domain/person-traits';
import type { IdentityRepository, ResolveRequest } from '../store/identity.repository';

export interface ResolveIdentityDeps {
  identities: IdentityRepository;
  events: EventPublisher;
  linkQueue: Queue<LinkJob>;
  registry: IdentifierRegistry;
  logger: Logger;
}

function normaliseAll(job: ResolveJob, deps: Pick<ResolveIdentityDeps, 'registry' | 'logger'>): NormalisedIdentifier[] {
  const valid: NormalisedIdentifier[] = [];
  for (const { type, value } of job.identifiers) {
    const result = deps.registry.normalise(type, value);
    if (result.ok) valid.push(result.identifier);
    // The type and the reason only: the value is personal data.
    else deps.logger.warn({ identifierType: type, reason: result.reason }, 'identifier dropped');
  }
  return valid;
}

/** The job as the repository resolves it: identifiers normalised, traits standardised and blocked. */
export function toResolveRequest(job: ResolveJob, deps: Pick<ResolveIdentityDeps, 'registry' | 'logger'>): ResolveRequest {
  const identifiers = normaliseAll(job, deps);
  const traits = normaliseTraits(job.traits);
  if (identifiers.length === 0 && !traits) throw new UnrecoverableError('no valid identifier in touchpoint');
  return {
    messageId: job.messageId,
    channel: job.channel,
    occurredAt: job.occurredAt,
    source: job.source ?? null,
    identifiers,
    traits,
    displayTraits: traits && job.traits ? job.traits : null,
    blockKeys: traits ? blockingKeys(traits) : [],
  };
}

/**
 * identity-resolve: links the touchpoint to one customer, then tells the other services. A replay
 * resolves to the same customer and republishes under the same job ids, which consumers treat as
 * the same message.
 */
export function createResolveIdentityProcessor(deps: ResolveIdentityDeps) {
  return async (job: Job): Promise<{ customerId: string; version: number }> => {
    const parsed = resolveJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed identity-resolve job: ${parsed.error.message}`);
    const outcome = await deps.identities.resolve(toResolveRequest(parsed.data, deps));
    for (const conflict of outcome.conflicts) deps.logger.warn({ type: conflict.type, reason: conflict.reason }, 'customers kept apart: identity conflict recorded');

    const now = new Date().toISOString();
    const { messageId, channel, occurredAt } = parsed.data;
    const event: CustomerUpdatedEvent = {
      customerId: outcome.customerId,
      version: outcome.version,
      mergedCustomerIds: outcome.lineage,
      touchpoint: { messageId, channel, occurredAt },
      updatedAt: now,
    };
    await deps.events.publish(EVENTS.customerUpdated, event, jobIdFor(`cu-${outcome.version}`, messageId));
    const link: LinkJob = { messageId, customerId: outcome.customerId, mergedCustomerIds: outcome.lineage, linkedAt: now };
    await deps.linkQueue.add('link', link, { jobId: jobIdFor('lnk', messageId) });
    return { customerId: outcome.customerId, version: outcome.version };
  };
}
