import { DateTimeScalar, type IdentifierType } from '@c360/contracts';
import type { SubgraphResolvers } from '@c360/service-kit';
import type { CountryCode } from 'libphonenumber-js';
import { normaliseIdentifier } from '@c360/identifiers';
import { identityError } from '../errors';
import type { CustomerReadRepository, CustomerRecord } from '../store/customer-read.repository';

const IDENTIFIER_TYPE_VALUES: Record<string, IdentifierType> = {
  EMAIL: 'email',
  PHONE: 'phone',
  ANONYMOUS_ID: 'anonymousId',
  DEVICE_ID: 'deviceId',
  CRM_ID: 'crmId',
};

export function createResolvers(customers: CustomerReadRepository, region: CountryCode): SubgraphResolvers {
  return {
    DateTime: DateTimeScalar,
    IdentifierType: IDENTIFIER_TYPE_VALUES,
    Query: {
      customer: (_: unknown, args: { id: string }) => customers.byId(args.id),
      customerByIdentifier: (_: unknown, args: { type: IdentifierType; value: string }) => {
        const normalised = normaliseIdentifier(args.type, args.value, region);
        if (!normalised.ok) throw identityError('BAD_USER_INPUT', `invalid ${args.type}: ${normalised.reason}`);
        return customers.byIdentifierKey(normalised.identifier.key);
      },
    },
    Customer: {
      __resolveReference: (ref: { id: string }) => customers.byId(ref.id),
      identifiers: (customer: CustomerRecord) => customers.identifiers(customer.id),
      mergeHistory: (customer: CustomerRecord) => customers.mergeHistory(customer.id),
    },
  } as SubgraphResolvers;
}
