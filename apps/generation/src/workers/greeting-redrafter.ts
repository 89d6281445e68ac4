import type { ConsentClient } from '@c360/consent-client';
import type { CustomerUpdatedEvent } from '@c360/contracts';
import type { CustomerIdentityView, TouchFactRepository } from '@c360/service-kit';
import { traitsFrom } from '../domain/traits';
import type { ContentProvider } from '../providers/content-provider';
import type { DraftRepository } from '../store/draft.repository';

export interface CustomerUpdatedDeps {
  touches: Pick<TouchFactRepository, 'recordUpdates' | 'perChannelOfMany'>;
  identities: Pick<CustomerIdentityView, 'lineagesOf'>;
  drafts: Pick<DraftRepository, 'saveIfNotStale'>;
  provider: ContentProvider;
  consent: Pick<ConsentClient, 'check'>;
}

/** Consent questions asked at once: the client caches answers, but a batch of cold customers must not flood governance. */
const CONSENT_QUESTIONS_AT_ONCE = 16;

/**
 * Keeps generation's copy of customers' touches current and redrafts each one's greeting, for a batch
 * of updates at once: the touches in one write, then one greeting per customer, for the newest version
 * of theirs in the batch, from one read of everyone's touches. Answers the updates that failed on their
 * own (governance could not say whether personalisation is allowed, or the draft failed), to be retried.
 */
export function createGreetingRedrafter(deps: CustomerUpdatedDeps) {
  return async (events: readonly CustomerUpdatedEvent[]): Promise<Map<CustomerUpdatedEvent, unknown>> => {
    await deps.touches.recordUpdates(events);
    const newest = new Map<string, CustomerUpdatedEvent>();
    for (const e of events) if ((newest.get(e.customerId)?.version ?? -1) < e.version) newest.set(e.customerId, e);
    const failed = new Map<CustomerUpdatedEvent, unknown>();
    const failCustomer = (customerId: string, err: unknown) => {
      for (const e of events) if (e.customerId === customerId) failed.set(e, err);
    };

    // Personalised content only with consent; when governance cannot say, retry later rather than guess.
    const people = [...newest.keys()];
    const allowed: string[] = [];
    for (let i = 0; i < people.length; i += CONSENT_QUESTIONS_AT_ONCE) {
      const group = people.slice(i, i + CONSENT_QUESTIONS_AT_ONCE);
      const answers = await Promise.all(group.map((customerId) => deps.consent.check({ customerId, purpose: 'personalisation' })));
      answers.forEach((answer, k) => {
        const customerId = group[k] as string;
        if (answer.reason === 'unavailable') failCustomer(customerId, new Error('consent unavailable; retrying'));
        else if (answer.allowed) allowed.push(customerId);
      });
    }
    if (allowed.length === 0) return failed;

    const perChannel = await deps.touches.perChannelOfMany(await deps.identities.lineagesOf(allowed));
    for (const customerId of allowed) {
      const traits = traitsFrom(perChannel.get(customerId) ?? []);
      if (!traits) continue;
      try {
        const draft = await deps.provider.draftGreeting(traits);
        const basedOnVersion = (newest.get(customerId) as CustomerUpdatedEvent).version;
        await deps.drafts.saveIfNotStale({ ...draft, customerId, generatedAt: new Date(), basedOnVersion });
      } catch (err) {
        failCustomer(customerId, err);
      }
    }
    return failed;
  };
}
