import type { Resolvers } from '../__generated__/resolvers-types';
import { PURPOSES } from '../domain/consent';
import { governanceError } from '../errors';
import { DELIVERY_STATUSES, type DeliveryRepository } from './delivery.repository';
import { PARTNER_FIELDS, type Partner } from './partner';
import type { PartnerDispatcher } from './partner-dispatcher';
import { PartnerExistsError, type PartnerRepository } from './partner.repository';
import { newWebhookSecret } from './webhook-signature';

const upperMap = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v.toUpperCase(), v]));
const PARTNER_ID = /^[A-Za-z0-9_-]{1,64}$/;

function checkWebhookUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw governanceError('BAD_USER_INPUT', 'webhookUrl is not a URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw governanceError('BAD_USER_INPUT', 'webhookUrl must be http(s)');
  return parsed.toString();
}

export function createPartnerResolvers(deps: { partners: PartnerRepository; deliveries: DeliveryRepository; dispatcher: PartnerDispatcher }): Pick<Resolvers, 'PartnerField' | 'WebhookDeliveryStatus' | 'Query' | 'Mutation'> {
  const publicPartner = ({ secrets: _secrets, ...rest }: Partner) => rest;
  return {
    PartnerField: upperMap(PARTNER_FIELDS),
    WebhookDeliveryStatus: upperMap(DELIVERY_STATUSES),
    Query: {
      partners: async () => (await deps.partners.list()).map(publicPartner),
      webhookDeliveries: async (_, args, ctx) => {
        const official = ctx.caller.roles.includes('compliance') || ctx.caller.roles.includes('service');
        if (!official && ctx.caller.partnerId !== args.partnerId) throw governanceError('FORBIDDEN', 'a partner reads only its own deliveries');
        return deps.deliveries.list(args.partnerId, args.status ?? null, Math.min(Math.max(args.first ?? 50, 1), 500));
      },
    },
    Mutation: {
      registerPartner: async (_, { input }) => {
        if (!PARTNER_ID.test(input.id)) throw governanceError('BAD_USER_INPUT', 'id: 1-64 letters, digits, - or _');
        if (!input.name.trim() || input.purposes.length === 0) throw governanceError('BAD_USER_INPUT', 'name and at least one purpose are required');
        const concurrency = input.concurrency ?? 4;
        if (concurrency < 1 || concurrency > 32) throw governanceError('BAD_USER_INPUT', 'concurrency: 1 to 32');
        const secret = newWebhookSecret();
        const now = new Date();
        const partner: Partner = {
          id: input.id,
          name: input.name.trim(),
          purposes: [...new Set(input.purposes)].filter((p) => PURPOSES.includes(p)),
          fields: [...new Set(input.fields)],
          webhookUrl: input.webhookUrl ? checkWebhookUrl(input.webhookUrl) : null,
          concurrency,
          secrets: [{ secret, createdAt: now, expiresAt: null }],
          createdAt: now,
        };
        try {
          await deps.partners.create(partner);
        } catch (err) {
          if (err instanceof PartnerExistsError) throw governanceError('BAD_USER_INPUT', err.message);
          throw err;
        }
        deps.dispatcher.ensure(partner);
        return { partner: publicPartner(partner), secret };
      },
      rotatePartnerSecret: async (_, args) => {
        const overlap = args.overlapSeconds ?? 86_400;
        if (overlap < 0 || overlap > 30 * 86_400) throw governanceError('BAD_USER_INPUT', 'overlapSeconds: 0 to 30 days');
        const now = new Date();
        const secret = newWebhookSecret();
        const partner = await deps.partners.rotateSecret(args.partnerId, { secret, createdAt: now, expiresAt: null }, new Date(now.getTime() + overlap * 1000));
        if (!partner) throw governanceError('BAD_USER_INPUT', `no partner ${args.partnerId}`);
        return { partner: publicPartner(partner), secret };
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
