import type { ConsentClient } from '@c360/consent-client';
import { customerUpdatedEventSchema, touchpointsOf } from '@c360/contracts';
import type { CustomerAliasRepository, TouchFactRepository } from '@c360/service-kit';
import { UnrecoverableError, type Job } from 'bullmq';
import { traitsFrom } from '../domain/traits';
import type { ContentProvider } from '../providers/content-provider';
import type { DraftRepository } from '../store/draft.repository';

export interface CustomerUpdatedDeps {
  touches: TouchFactRepository;
  aliases: CustomerAliasRepository;
  drafts: DraftRepository;
  provider: ContentProvider;
  consent: ConsentClient;
}

/** Keeps generation's view of the customer current and redrafts the greeting for the new version. */
export function createCustomerUpdatedProcessor(deps: CustomerUpdatedDeps) {
  return async (job: Job): Promise<void> => {
    const parsed = customerUpdatedEventSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed customer.updated: ${parsed.error.message}`);
    const event = parsed.data;
    if (event.mergedCustomerIds.length > 0) await deps.aliases.recordMerge(event.customerId, event.mergedCustomerIds, new Date(event.updatedAt));
    await deps.touches.recordMany(touchpointsOf(event).map(({ messageId, channel, occurredAt }) => ({ messageId, customerId: event.customerId, channel, occurredAt: new Date(occurredAt) })));
    // Personalised content only with consent; when governance cannot say, retry later rather than guess.
    const consent = await deps.consent.check({ customerId: event.customerId, purpose: 'personalisation' });
    if (consent.reason === 'unavailable') throw new Error('consent unavailable; retrying');
    if (!consent.allowed) return;
    const traits = traitsFrom(await deps.touches.perChannel(await deps.aliases.expand(event.customerId)));
    if (!traits) return;
    const draft = await deps.provider.draftGreeting(traits);
    await deps.drafts.saveIfNotStale({ ...draft, customerId: event.customerId, generatedAt: new Date(), basedOnVersion: event.version });
  };
}
