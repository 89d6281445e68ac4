import type { SubgraphContext } from '@c360/service-kit';
import type { AuditRecord } from '../domain/audit-chain';
import { governanceError } from '../errors';
import type { AuditRepository } from '../store/audit.repository';
import { authorise } from './authorise';

const MAX_PAGE = 500;

// The audit log is read by compliance officers only.
export function createAuditResolvers(audit: AuditRepository) {
  return {
    AuditEntry: { details: (e: AuditRecord) => e.payload },
    Query: {
      auditLog: (_: unknown, args: { subject?: string | null; afterSeq?: number | null; first: number }, ctx: SubgraphContext) => {
        authorise(ctx, ['compliance']);
        if (args.first < 1 || args.first > MAX_PAGE) throw governanceError('BAD_USER_INPUT', `first must be between 1 and ${MAX_PAGE}`);
        return audit.entries({ subject: args.subject ?? undefined, afterSeq: args.afterSeq ?? 0, first: args.first });
      },
      verifyAuditChain: (_: unknown, __: unknown, ctx: SubgraphContext) => {
        authorise(ctx, ['compliance']);
        return audit.verify();
      },
    },
  };
}
