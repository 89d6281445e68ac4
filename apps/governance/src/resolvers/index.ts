import { CHANNEL_ENUM_VALUES, DateTimeScalar } from '@c360/contracts';
import type { Resolvers } from '../__generated__/resolvers-types';
import { CONSENT_STATUSES, PURPOSES } from '../domain/consent';
import { REQUEST_KINDS, REQUEST_STATUSES } from '../domain/data-subject-request';
import type { ChainVerdict } from '../domain/audit-chain';
import type { AuditRepository } from '../store/audit.repository';
import { createAuditResolvers } from './audit.resolvers';
import { createConsentResolvers, type ConsentResolverDeps } from './consent.resolvers';
import { createRequestResolvers, IDENTIFIER_TYPE_VALUES, type RequestResolverDeps } from './request.resolvers';

const upperMap = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v.toUpperCase(), v]));

export type ResolverDeps = ConsentResolverDeps & RequestResolverDeps & { audit: AuditRepository; verifyAudit: () => Promise<ChainVerdict> };

export function createResolvers(deps: ResolverDeps): Resolvers {
  const consent = createConsentResolvers(deps);
  const requests = createRequestResolvers(deps);
  const audit = createAuditResolvers(deps.audit, deps.verifyAudit);
  return {
    DateTime: DateTimeScalar,
    Channel: CHANNEL_ENUM_VALUES,
    ConsentPurpose: upperMap(PURPOSES),
    ConsentStatus: upperMap(CONSENT_STATUSES),
    RequestKind: upperMap(REQUEST_KINDS),
    RequestStatus: upperMap(REQUEST_STATUSES),
    IdentifierType: IDENTIFIER_TYPE_VALUES,
    Customer: { __resolveReference: (ref) => ({ id: ref.id }), ...consent.Customer, ...requests.Customer },
    DataSubjectRequest: requests.DataSubjectRequest,
    AuditEntry: audit.AuditEntry,
    Query: { ...requests.Query, ...audit.Query },
    Mutation: { ...consent.Mutation, ...requests.Mutation },
  };
}
