import type { ConsentClient } from '@c360/consent-client';
import type { CustomerUpdatedEvent } from '@c360/contracts';
import type { CustomerIdentityView, TouchFactRepository } from '@c360/service-kit';
import { traitsFrom } from '../domain/traits';
import type { ContentProvider } from '../providers/content-provider';
import type { DraftRepository } from '../store/draft.repository';

export interface CustomerUpdatedDeps {
  touches: TouchFactRepository;
  identities: CustomerIdentityView;
  drafts: DraftRepository;
  provider: ContentProvider;
  consent: ConsentClient;
}

/** Keeps generation's copy of the customer's touches current and redrafts the greeting for the new version. */
export function createGreetingRedrafter(deps: CustomerUpdatedDeps) {
  return async (event: CustomerUpdatedEvent): Promise<void> => {
    await deps.touches.recordUpdate(event);
    // Personalised content only with consent; when governance cannot say, retry later rather than guess.
    const consent = await deps.consent.check({ customerId: event.customerId, purpose: 'personalisation' });
    if (consent.reason === 'unavailable') throw new Error('consent unavailable; retrying');
    if (!consent.allowed) return;
    const traits = traitsFrom(await deps.touches.perChannel(await deps.identities.expand(event.customerId)));
    if (!traits) return;
    const draft = await deps.provider.draftGreeting(traits);
    await deps.drafts.saveIfNotStale({ ...draft, customerId: event.customerId, generatedAt: new Date(), basedOnVersion: event.version });
  };
}
