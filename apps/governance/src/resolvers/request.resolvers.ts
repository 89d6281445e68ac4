import { IDENTIFIER_TYPE_BY_ENUM_VALUE, type IdentifierType } from '@c360/contracts';
import type { CustomerIdentityView } from '@c360/service-kit';
import type { CustomerResolvers, DataSubjectRequestResolvers, MutationResolvers, QueryResolvers } from '../__generated__/resolvers-types';
import { isOverdue, type RequestKind } from '../domain/data-subject-request';
import { total } from '../domain/erasure-receipt';
import { governanceError } from '../errors';
import type { DataSubjectRequests, RequestOutcome } from '../privacy/data-subject-requests';
import type { AccessExportRepository } from '../store/access-export.repository';
import type { DataSubjectRequest, ErasureReceipt, RequestRepository } from '../store/request.repository';
import type { RestrictionRepository } from '../store/restriction.repository';
import { authorise } from './authorise';

export interface RequestResolverDeps {
  dsr: DataSubjectRequests;
  requests: RequestRepository;
  exports: AccessExportRepository;
  restrictions: RestrictionRepository;
  identities: CustomerIdentityView;
}

// Data-subject requests and their exports are for compliance officers only: an export is the whole
// person, and a request reveals that someone exercised their rights.
const COMPLIANCE = ['compliance'] as const;

function unwrap(outcome: RequestOutcome): DataSubjectRequest {
  if (!outcome.ok) throw governanceError(outcome.code, outcome.message);
  return outcome.request;
}

function receiptView(receipt: ErasureReceipt | null) {
  if (!receipt) return null;
  return {
    ...receipt,
    services: receipt.services.map((s) => ({
      service: s.service,
      deleted: JSON.stringify(s.deleted),
      deletedTotal: total(s.deleted),
      remainingTotal: s.remaining ? total(s.remaining) : null,
    })),
  };
}

export function createRequestResolvers(deps: RequestResolverDeps): {
  DataSubjectRequest: DataSubjectRequestResolvers;
  Customer: CustomerResolvers;
  Query: QueryResolvers;
  Mutation: MutationResolvers;
} {
  const open =
    (kind: RequestKind): MutationResolvers['requestErasure'] =>
    async (_, { input }, ctx) => {
      authorise(ctx, COMPLIANCE);
      return unwrap(await deps.dsr.open(kind, input, ctx.caller.subject));
    };
  return {
    DataSubjectRequest: {
      overdue: (r) => isOverdue(r, new Date()),
      receipt: (r) => receiptView(r.receipt),
      exportDocument: (r) => (r.kind === 'access' ? deps.exports.document(r.id) : null),
    },
    Customer: {
      restricted: async (customer) => deps.restrictions.isRestricted(await deps.identities.expand(customer.id)),
      dataSubjectRequests: async (customer, _, ctx) => {
        authorise(ctx, COMPLIANCE);
        return deps.requests.forCustomers(await deps.identities.expand(customer.id));
      },
    },
    Query: {
      dataSubjectRequest: (_, { id }, ctx) => {
        authorise(ctx, COMPLIANCE);
        return deps.requests.byId(id);
      },
      overdueRequests: (_, __, ctx) => {
        authorise(ctx, COMPLIANCE);
        return deps.requests.overdue(new Date());
      },
    },
    Mutation: {
      requestErasure: open('erasure'),
      requestAccess: open('access'),
      requestRestriction: open('restriction'),
      liftRestriction: async (_, { requestId }, ctx) => {
        authorise(ctx, COMPLIANCE);
        return unwrap(await deps.dsr.lift(requestId, ctx.caller.subject));
      },
    },
  };
}

export const IDENTIFIER_TYPE_VALUES: Readonly<Record<string, IdentifierType>> = IDENTIFIER_TYPE_BY_ENUM_VALUE;
