import { UnrecoverableError, type Job } from 'bullmq';
import { refuseUnreadableVersion, type RedisClient } from '@c360/service-kit';
import type { ZodType } from 'zod';
import {
  customerUpdatedEventSchema,
  EVENTS,
  jobIdFor,
  journeyDropoffEventSchema,
  partnerUpdatesChannel,
  predictionBandChangedEventSchema,
  sentimentTurnedEventSchema,
  type PartnerEventType,
} from '@c360/contracts';
import type { CurrentConsent } from '../domain/consent';
import type { DeliveryRepository } from './delivery.repository';
import { consentAllows } from './partner';
import type { PartnerDispatcher } from './partner-dispatcher';
import { orderingVersionOf, partnerEventFor, sourceKeyOf, wantsEvent, type PartnerSourceEvent } from './partner-events';
import type { PartnerRepository } from './partner.repository';

/** The consent in force for a customer, from governance's own ledger. */
export type ConsentLookup = (customerId: string) => Promise<CurrentConsent[]>;

export interface FanoutDeps {
  partners: PartnerRepository;
  deliveries: DeliveryRepository;
  dispatcher: PartnerDispatcher;
  consents: ConsentLookup;
  publisher: RedisClient;
  prefix: string;
}

const SOURCE_SCHEMAS: { [T in PartnerEventType]: ZodType<Extract<PartnerSourceEvent, { type: T }>['event']> } = {
  [EVENTS.customerUpdated]: customerUpdatedEventSchema,
  [EVENTS.journeyDropoff]: journeyDropoffEventSchema,
  [EVENTS.predictionBandChanged]: predictionBandChangedEventSchema,
  [EVENTS.customerSentimentTurned]: sentimentTurnedEventSchema,
};

function readSource(type: PartnerEventType, data: unknown): PartnerSourceEvent {
  const parsed = SOURCE_SCHEMAS[type].safeParse(data);
  // Retrying cannot mend a payload that breaks its contract.
  if (!parsed.success) throw new UnrecoverableError(`malformed ${type}: ${parsed.error.message}`);
  return { type, event: parsed.data } as PartnerSourceEvent;
}

/**
 * One event of `type` → every partner registered for it whose purposes the customer's consent grants
 * (none while processing is restricted): a webhook delivery in the partner's lane and a message on
 * its live channel, with only the fields the partner may have. A consent lookup that fails fails the
 * job (retried), so nothing is sent on a guess; a redelivered event finds the deliveries it made.
 */
export function createPartnerFanoutProcessor(type: PartnerEventType, deps: FanoutDeps) {
  return async (job: Job): Promise<{ sentTo: number }> => {
    // An event of a major version this release cannot read waits among the failed jobs.
    refuseUnreadableVersion(type, job.data);
    const source = readSource(type, job.data);
    const partners = (await deps.partners.list()).filter((p) => wantsEvent(p, type));
    if (partners.length === 0) return { sentTo: 0 };
    const customerId = source.event.customerId;
    const consents = await deps.consents(customerId);
    let sentTo = 0;
    for (const partner of partners) {
      if (!consentAllows(consents, partner.purposes)) continue;
      const update = partnerEventFor(source, partner.fields);
      if (partner.webhookUrl) {
        const key = `${partner.id}|${sourceKeyOf(source)}`;
        const delivery = await deps.deliveries.createPending({
          id: jobIdFor('delivery', key),
          partnerId: partner.id,
          customerId,
          event: type,
          version: orderingVersionOf(source),
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
