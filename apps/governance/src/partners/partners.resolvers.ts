import { EVENTS, type PartnerEventType } from '@c360/contracts';
import type { Resolvers } from '../__generated__/resolvers-types';
import { PURPOSES } from '../domain/consent';
import { governanceError } from '../errors';
import { DELIVERY_STATUSES, type DeliveryRepository } from './delivery.repository';
import type { AuditRepository } from '../store/audit.repository';
import { PARTNER_FIELDS, subscriptionChangeFrom, type PartnerProfile } from './partner';
import type { PartnerDispatcher } from './partner-dispatcher';
import { PartnerExistsError, type PartnerRepository } from './partner.repository';
import { webhookUrlProblem } from './webhook-address-policy';
import { newWebhookSecret } from './webhook-signature';

const upperMap = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v.toUpperCase(), v]));
const PARTNER_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** The GraphQL names of the events a partner can be sent (queue event names are not valid enum values). */
const PARTNER_EVENT_VALUES: Record<string, PartnerEventType> = {
  CUSTOMER_UPDATED: EVENTS.customerUpdated,
  JOURNEY_DROPOFF: EVENTS.journeyDropoff,
  PREDICTION_BAND_CHANGED: EVENTS.predictionBandChanged,
  SENTIMENT_TURNED: EVENTS.customerSentimentTurned,
};

function checkWebhookUrl(url: string, allowPrivateNetworks: boolean): string {
  const problem = webhookUrlProblem(url, allowPrivateNetworks);
  if (problem) throw governanceError('BAD_USER_INPUT', problem);
  return new URL(url).toString();
}

export function createPartnerResolvers(deps: {
  partners: PartnerRepository;
  deliveries: DeliveryRepository;
  dispatcher: PartnerDispatcher;
  allowPrivateNetworks: boolean;
  /** The hash-chained audit log: who changed what a partner is sent. */
  audit: AuditRepository;
}): Pick<Resolvers, 'PartnerField' | 'PartnerEventType' | 'WebhookDeliveryStatus' | 'Query' | 'Mutation'> {
  return {
    PartnerField: upperMap(PARTNER_FIELDS),
    PartnerEventType: PARTNER_EVENT_VALUES,
    WebhookDeliveryStatus: upperMap(DELIVERY_STATUSES),
    Query: {
      partners: () => deps.partners.list(),
      webhookDeliveries: async (_, args, ctx) => {
        const official = ctx.caller.roles.includes('compliance') || ctx.caller.roles.includes('service');
        if (!official && ctx.caller.partnerId !== args.partnerId) throw governanceError('FORBIDDEN', 'a partner reads only its own deliveries');
        return deps.deliveries.list(args.partnerId, args.status ?? null, Math.min(Math.max(args.first ?? 50, 1), 500));
      },
    },
    Mutation: {
      registerPartner: async (_, { input }, ctx) => {
        if (!PARTNER_ID.test(input.id)) throw governanceError('BAD_USER_INPUT', 'id: 1-64 letters, digits, - or _');
        if (!input.name.trim() || input.purposes.length === 0) throw governanceError('BAD_USER_INPUT', 'name and at least one purpose are required');
        const concurrency = input.concurrency ?? 4;
        if (concurrency < 1 || concurrency > 32) throw governanceError('BAD_USER_INPUT', 'concurrency: 1 to 32');
        // Defaulted here, not in the SDL: an SDL default of an enum list skips the enum's internal values.
        const events = [...new Set(input.events ?? [EVENTS.customerUpdated])];
        if (events.length === 0) throw governanceError('BAD_USER_INPUT', 'events: at least one');
        const secret = newWebhookSecret();
        const now = new Date();
        const partner: PartnerProfile = {
          id: input.id,
          name: input.name.trim(),
          purposes: [...new Set(input.purposes)].filter((p) => PURPOSES.includes(p)),
          fields: [...new Set(input.fields)],
          events,
          webhookUrl: input.webhookUrl ? checkWebhookUrl(input.webhookUrl, deps.allowPrivateNetworks) : null,
          concurrency,
          createdAt: now,
        };
        try {
          await deps.partners.create(partner, secret);
        } catch (err) {
          if (err instanceof PartnerExistsError) throw governanceError('BAD_USER_INPUT', err.message);
          throw err;
        }
        deps.dispatcher.ensure(partner);
        await deps.audit.append({
          actor: ctx.caller.subject,
          action: 'partner.registered',
          subject: `partner:${partner.id}`,
          details: { purposes: partner.purposes, fields: partner.fields, events: partner.events, webhook: partner.webhookUrl !== null, concurrency },
        });
        return { partner, secret };
      },
      rotatePartnerSecret: async (_, args, ctx) => {
        const overlap = args.overlapSeconds ?? 86_400;
        if (overlap < 0 || overlap > 30 * 86_400) throw governanceError('BAD_USER_INPUT', 'overlapSeconds: 0 to 30 days');
        const now = new Date();
        const secret = newWebhookSecret();
        const partner = await deps.partners.rotateSecret(args.partnerId, secret, now, new Date(now.getTime() + overlap * 1000));
        if (!partner) throw governanceError('BAD_USER_INPUT', `no partner ${args.partnerId}`);
        await deps.audit.append({
          actor: ctx.caller.subject,
          action: 'partner.secret_rotated',
          subject: `partner:${partner.id}`,
          details: { overlapSeconds: overlap },
        });
        return { partner, secret };
      },
      updatePartner: async (_, { input }, ctx) => {
        if (!PARTNER_ID.test(input.partnerId)) throw governanceError('BAD_USER_INPUT', 'partnerId: 1-64 letters, digits, - or _');
        const change = subscriptionChangeFrom(input);
        if ('problem' in change) throw governanceError('BAD_USER_INPUT', change.problem);
        const changed = await deps.partners.changeSubscription(input.partnerId, change);
        if (!changed) throw governanceError('NOT_FOUND', `no partner ${input.partnerId}`);
        const { before, after } = changed;
        await deps.audit.append({
          actor: ctx.caller.subject,
          action: 'partner.updated',
          subject: `partner:${after.id}`,
          details: { events: { from: before.events, to: after.events }, fields: { from: before.fields, to: after.fields } },
        });
        return after;
      },
      replayWebhookDelivery: async (_, { id }) => {
        const delivery = await deps.deliveries.replay(id, new Date());
        if (!delivery) throw governanceError('BAD_USER_INPUT', 'no dead-lettered delivery with this id');
        const partner = await deps.partners.get(delivery.partnerId);
        if (!partner?.webhookUrl) throw governanceError('BAD_USER_INPUT', 'the partner has no webhook');
        await deps.dispatcher.enqueue(partner, delivery);
        return delivery;
      },
    },
  };
}
