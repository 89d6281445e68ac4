import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { customerUpdatedEventSchema, EVENTS, jobIdFor, partnerUpdatesChannel } from '@c360/contracts';
import { refuseUnreadableVersion } from '@c360/service-kit';
import type { CurrentConsent } from '../domain/consent';
import type { DeliveryRepository } from './delivery.repository';
import { consentAllows, partnerUpdate } from './partner';
import type { PartnerDispatcher } from './partner-dispatcher';
import type { PartnerRepository } from './partner.repository';

/** The consent in force for a customer, from governance's own ledger. */
export type ConsentLookup = (customerId: string) => Promise<CurrentConsent[]>;

export interface FanoutDeps {
  partners: PartnerRepository;
  deliveries: DeliveryRepository;
  dispatcher: PartnerDispatcher;
  consents: ConsentLookup;
  publisher: Redis;
  prefix: string;
}

/**
 * customer.updated → every partner whose purposes the customer's consent grants: a webhook
 * delivery in the partner's lane and a message on its live channel. A consent lookup that fails
 * fails the job (retried), so nothing is sent on a guess.
 */
export function createPartnerFanoutProcessor(deps: FanoutDeps) {
  return async (job: Job): Promise<{ sentTo: number }> => {
    refuseUnreadableVersion(EVENTS.customerUpdated, job.data);
    const event = customerUpdatedEventSchema.parse(job.data);
    const partners = await deps.partners.list();
    if (partners.length === 0) return { sentTo: 0 };
    const consents = await deps.consents(event.customerId);
    let sentTo = 0;
    for (const partner of partners) {
      if (!consentAllows(consents, partner.purposes)) continue;
      const update = partnerUpdate(event, partner.fields);
      if (partner.webhookUrl) {
        const key = `${partner.id}|${event.customerId}|${event.version}`;
        const delivery = await deps.deliveries.createPending({
          id: jobIdFor('delivery', key),
          partnerId: partner.id,
          customerId: event.customerId,
          version: event.version,
          webhookId: `msg_${jobIdFor('m', key).slice(2)}`,
          update,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: new Date(),
          lastError: null,
          lastStatusCode: null,
          createdAt: new Date(),
          deliveredAt: null,
          replays: 0,
        });
        await deps.dispatcher.enqueue(partner, delivery);
      }
      await deps.publisher.publish(partnerUpdatesChannel(deps.prefix, partner.id), JSON.stringify(update));
      sentTo++;
    }
    return { sentTo };
  };
}
