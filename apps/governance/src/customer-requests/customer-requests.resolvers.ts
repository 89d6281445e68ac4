import type { Resolvers } from '../__generated__/resolvers-types';
import { governanceError } from '../errors';
import { CUSTOMER_REQUEST_KINDS, CUSTOMER_REQUEST_STATUSES, type CustomerRequestRepository } from './customer-request.repository';

const upperMap = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v.toUpperCase(), v]));
const TEXT = /^[\w.:-]{1,128}$/;

export function createCustomerRequestResolvers(
  requests: CustomerRequestRepository,
): Pick<Resolvers, 'CustomerRequestKind' | 'CustomerRequestStatus' | 'Query' | 'Mutation'> {
  return {
    CustomerRequestKind: upperMap(CUSTOMER_REQUEST_KINDS),
    CustomerRequestStatus: upperMap(CUSTOMER_REQUEST_STATUSES),
    Query: {
      // No default in the SDL: a default enum value reaches resolvers untranslated (RECEIVED, not received).
      customerRequests: (_, args) => requests.list(args.status ?? 'received', Math.min(Math.max(args.first ?? 50, 1), 500)),
    },
    Mutation: {
      submitCustomerRequest: async (_, { input }) => {
        for (const [field, value] of Object.entries({ key: input.key, customerId: input.customerId, channel: input.channel, reference: input.reference })) {
          if (!TEXT.test(value)) throw governanceError('BAD_USER_INPUT', `${field}: 1-128 letters, digits, _ . : or -`);
        }
        const consentChange = input.kind === 'consent_change';
        if (consentChange !== Boolean(input.purpose && input.wantedStatus)) {
          throw governanceError('BAD_USER_INPUT', 'purpose and wantedStatus are given for a consent change, and only for one');
        }
        return requests.submit({
          id: input.key,
          kind: input.kind,
          customerId: input.customerId,
          channel: input.channel,
          reference: input.reference,
          purpose: input.purpose ?? null,
          wantedStatus: input.wantedStatus ?? null,
          receivedAt: new Date(),
        });
      },
      markCustomerRequestHandled: async (_, { id }, ctx) => {
        const handled = await requests.markHandled(id, ctx.caller.subject, new Date());
        if (!handled) throw governanceError('NOT_FOUND', 'no such customer request');
        return handled;
      },
    },
  };
}
