import type { AuditEntryResolvers, QueryResolvers } from '../__generated__/resolvers-types';
import type { ChainVerdict } from '../domain/audit-chain';
import { governanceError } from '../errors';
import type { AuditRepository } from '../store/audit.repository';
import { authorise } from './authorise';

const MAX_PAGE = 500;

// The audit log is read by compliance officers only.
// verifyAudit checks the chain against its signed checkpoints too (audit/audit-anchor.ts).
export function createAuditResolvers(
  audit: AuditRepository,
  verifyAudit: () => Promise<ChainVerdict>,
): { AuditEntry: AuditEntryResolvers; Query: QueryResolvers } {
  return {
    AuditEntry: { details: (e) => e.payload },
    Query: {
      auditLog: (_, args, ctx) => {
        authorise(ctx, ['compliance']);
        if (args.first < 1 || args.first > MAX_PAGE) throw governanceError('BAD_USER_INPUT', `first must be between 1 and ${MAX_PAGE}`);
        return audit.entries({ subject: args.subject ?? undefined, afterSeq: args.afterSeq ?? 0, first: args.first });
      },
      verifyAuditChain: (_, __, ctx) => {
        authorise(ctx, ['compliance']);
        return verifyAudit();
      },
    },
  };
}
