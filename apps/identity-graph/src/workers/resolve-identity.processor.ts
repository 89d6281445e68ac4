import { EVENTS, jobIdFor, resolveJobSchema, type CustomerUpdatedEvent, type LinkJob, type ResolveJob } from '@c360/contracts';
import type { EventPublisher, Logger } from '@c360/service-kit';
import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import type { CountryCode } from 'libphonenumber-js';
import { normaliseIdentifier, type NormalisedIdentifier } from '@c360/identifiers';
import type { IdentityRepository } from '../store/identity.repository';

export interface ResolveIdentityDeps {
  identities: IdentityRepository;
  events: EventPublisher;
  linkQueue: Queue<LinkJob>;
  region: CountryCode;
  logger: Logger;
}

function normaliseAll(job: ResolveJob, deps: ResolveIdentityDeps): NormalisedIdentifier[] {
  const valid: NormalisedIdentifier[] = [];
  for (const { type, value } of job.identifiers) {
    const result = normaliseIdentifier(type, value, deps.region);
    if (result.ok) valid.push(result.identifier);
    else deps.logger.warn({ identifierType: type, reason: result.reason }, 'identifier dropped');
  }
  return valid;
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
    const identifiers = normaliseAll(parsed.data, deps);
    if (identifiers.length === 0) throw new UnrecoverableError('no valid identifier in touchpoint');

    const outcome = await deps.identities.resolve(parsed.data.messageId, identifiers);
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
