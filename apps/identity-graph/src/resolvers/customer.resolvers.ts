import { DateTimeScalar, type IdentifierType } from '@c360/contracts';
import type { SubgraphResolvers } from '@c360/service-kit';
import type { IdentifierRegistry } from '@c360/identifiers';
import type { SubgraphContext } from '@c360/service-kit';
import { authorise, identityError } from '../errors';
import type { CustomerReadRepository, CustomerRecord } from '../store/customer-read.repository';

const IDENTIFIER_TYPE_VALUES: Record<string, IdentifierType> = {
  EMAIL: 'email',
  PHONE: 'phone',
  ANONYMOUS_ID: 'anonymousId',
  DEVICE_ID: 'deviceId',
  CRM_ID: 'crmId',
  COOKIE_ID: 'cookieId',
  LOYALTY_ID: 'loyaltyId',
  ACCOUNT_ID: 'accountId',
  POSTAL_ADDRESS: 'postalAddress',
};

/** Who sees and works identity conflicts and reviews: data stewards in support, and compliance. */
export const STEWARDS = ['support', 'compliance'] as const;

export function createResolvers(customers: CustomerReadRepository, registry: IdentifierRegistry): SubgraphResolvers {
  return {
    DateTime: DateTimeScalar,
    IdentifierType: IDENTIFIER_TYPE_VALUES,
    Query: {
      customer: (_: unknown, args: { id: string }) => customers.byId(args.id),
      customerByIdentifier: (_: unknown, args: { type: IdentifierType; value: string }) => {
        const normalised = registry.normalise(args.type, args.value);
        if (!normalised.ok) throw identityError('BAD_USER_INPUT', `invalid ${args.type}: ${normalised.reason}`);
        return customers.byIdentifierKey(normalised.identifier.key);
      },
      identityConflicts: (_: unknown, args: { first: number }, ctx: SubgraphContext) => {
        authorise(ctx.caller, STEWARDS);
        if (args.first < 1 || args.first > 500) throw identityError('BAD_USER_INPUT', 'first must be between 1 and 500');
        return customers.recentConflicts(args.first);
      },
    },
    Customer: {
      __resolveReference: (ref: { id: string }) => customers.byId(ref.id),
      identifiers: (customer: CustomerRecord) => customers.identifiers(customer.id),
      mergeHistory: (customer: CustomerRecord) => customers.mergeHistory(customer.id),
      identityConflicts: (customer: CustomerRecord, _: unknown, ctx: SubgraphContext) => {
        authorise(ctx.caller, STEWARDS);
        return customers.conflicts(customer.id);
      },
    },
  } as SubgraphResolvers;
}
