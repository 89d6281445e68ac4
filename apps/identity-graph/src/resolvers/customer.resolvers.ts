import { DateTimeScalar, IDENTIFIER_TYPES, type IdentifierType } from '@c360/contracts';
import type { IdentifierRegistry } from '@c360/identifiers';
import type { Resolvers } from '../__generated__/resolvers-types';
import { buildGoldenRecord, type SourceTrust } from '../domain/survivorship';
import { authorise, identityError } from '../errors';
import type { GoldenRecordRepository } from '../store/golden-record.repository';
import type { CustomerReadRepository } from '../store/customer-read.repository';
import { selectsField } from './selection';
import { createStewardshipResolvers, STEWARDS, type StewardshipDeps } from './stewardship.resolvers';

export const IDENTIFIER_TYPE_VALUES: Record<string, IdentifierType> = {
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

const isBuiltInType = (type: string): type is IdentifierType => (IDENTIFIER_TYPES as readonly string[]).includes(type);

export interface ResolverDeps extends StewardshipDeps {
  customers: CustomerReadRepository;
  registry: IdentifierRegistry;
  golden: GoldenRecordRepository;
  sourceTrust: SourceTrust;
}

/** Normalises a looked-up identifier as ingestion does, or answers BAD_USER_INPUT with the reason. */
export function lookupKey(registry: IdentifierRegistry, type: string, value: string): string {
  const normalised = registry.normalise(type, value);
  if (!normalised.ok) throw identityError('BAD_USER_INPUT', `invalid ${type}: ${normalised.reason}`);
  return normalised.identifier.key;
}

export function createResolvers(deps: ResolverDeps): Resolvers {
  const { customers, registry } = deps;
  const stewardship = createStewardshipResolvers(deps);
  return {
    DateTime: DateTimeScalar,
    IdentifierType: IDENTIFIER_TYPE_VALUES,
    Query: {
      // The customer-360 query asks for identifiers with every lookup: one round trip reads both.
      customer: (_, args, _ctx, info) => (selectsField(info, 'identifiers') ? customers.byIdWithIdentifiers(args.id) : customers.byId(args.id)),
      customerByIdentifier: (_, args) => customers.byIdentifierKey(lookupKey(registry, args.type, args.value)),
      ...stewardship.Query,
    },
    Mutation: stewardship.Mutation,
    IdentityReview: stewardship.IdentityReview,
    Customer: {
      __resolveReference: (ref) => customers.byId(ref.id),
      identifiers: (customer) => customer.identifiers ?? customers.identifiers(customer.id),
      mergeHistory: (customer) => customers.mergeHistory(customer.id),
      personIds: (customer) => customers.personIds(customer.id),
      personTraitKeys: (customer) => customers.personTraitKeys(customer.id),
      identityConflicts: (customer, _, ctx) => {
        authorise(ctx.caller, STEWARDS);
        return customers.conflicts(customer.id);
      },
      // Its values are @personal: masked by service-kit's field access for roles not cleared for them.
      goldenRecord: async (customer) => {
        const [observations, contacts] = await Promise.all([deps.golden.observations(customer.id), deps.golden.contacts(customer.id)]);
        return buildGoldenRecord(observations, contacts, deps.sourceTrust);
      },
    },
    Identifier: {
      // A configured type has no enum value; typeName always carries it.
      type: (i) => (isBuiltInType(i.type) ? i.type : null),
      typeName: (i) => i.type,
    },
  };
}
