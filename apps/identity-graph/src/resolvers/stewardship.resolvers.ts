import type { IdentifierRegistry } from '@c360/identifiers';
import { toGraphQLEnum, type EventPublisher } from '@c360/service-kit';
import type { BatchJob, LinkJob } from '@c360/contracts';
import type { Queue } from 'bullmq';
import type { IdentityReviewResolvers, MutationResolvers, QueryResolvers } from '../__generated__/resolvers-types';
import { resolveIdentityReview } from '../actions/resolve-review.action';
import type { IdentityMetrics } from '../metrics/identity.metrics';
import { unmergeCustomer } from '../actions/unmerge-customer.action';
import { authorise, identityError } from '../errors';
import type { CustomerReadRepository, CustomerRecord } from '../store/customer-read.repository';
import type { LinkExplanationRepository } from '../store/link-explanation.repository';
import type { ReviewRepository, ReviewStatus } from '../store/review.repository';
import type { UnmergeRepository } from '../store/unmerge.repository';

/** Who sees and works identity conflicts, reviews and unmerges: data stewards in support, and compliance. */
export const STEWARDS = ['support', 'compliance'] as const;
/** Explaining a link shows identifiers, so it is open to stewards and to analysts auditing matches. */
const EXPLAINERS = ['support', 'compliance', 'analyst'] as const;

export interface StewardshipDeps {
  customers: CustomerReadRepository;
  registry: IdentifierRegistry;
  explanations: LinkExplanationRepository;
  unmerges: UnmergeRepository;
  events: EventPublisher;
  reviews: ReviewRepository;
  linkQueue: Queue<BatchJob<LinkJob>>;
  metrics: IdentityMetrics;
}

/**
 * A review's customers are never deleted while the review exists (erasure deletes reviews naming the
 * person; merges answer with the survivor), and the schema says so; a missing one is a broken graph.
 */
function existing(customer: CustomerRecord | null, id: string): CustomerRecord {
  if (!customer) throw new Error(`review names customer ${id}, which does not exist`);
  return customer;
}

function pageSize(first: number): number {
  if (first < 1 || first > 500) throw identityError('BAD_USER_INPUT', 'first must be between 1 and 500');
  return first;
}

export function createStewardshipResolvers(deps: StewardshipDeps): {
  IdentityReview: IdentityReviewResolvers;
  Query: QueryResolvers;
  Mutation: MutationResolvers;
} {
  return {
    IdentityReview: {
      status: (r) => toGraphQLEnum(r.status),
      subject: async (r) => existing(await deps.customers.byId(r.subjectId), r.subjectId),
      candidate: async (r) => existing(await deps.customers.byId(r.candidateId), r.candidateId),
    },
    Query: {
      identityConflicts: (_, args, ctx) => {
        authorise(ctx.caller, STEWARDS);
        return deps.customers.recentConflicts(pageSize(args.first));
      },
      identityReviews: (_, args, ctx) => {
        authorise(ctx.caller, STEWARDS);
        return deps.reviews.list(args.status.toLowerCase() as ReviewStatus, pageSize(args.first));
      },
      explainLink: (_, args, ctx) => {
        authorise(ctx.caller, EXPLAINERS);
        const normalised = deps.registry.normalise(args.type, args.value);
        if (!normalised.ok) throw identityError('BAD_USER_INPUT', `invalid ${args.type}: ${normalised.reason}`);
        return deps.explanations.explain(args.customerId, normalised.identifier.key);
      },
    },
    Mutation: {
      // Support (acting on a customer's complaint) and compliance (a data-subject correction) both
      // undo wrong merges; both are recorded with the caller as `by`.
      unmergeCustomer: async (_, args, ctx) => {
        authorise(ctx.caller, STEWARDS);
        if (!args.reason.trim()) throw identityError('BAD_USER_INPUT', 'a reason is required');
        const outcome = await unmergeCustomer(deps, args.customerId, ctx.caller.subject, args.reason.trim().slice(0, 500));
        if (typeof outcome === 'string') return { ok: false, errorCode: outcome };
        return {
          ok: true,
          restored: await deps.customers.byId(outcome.restoredId),
          survivor: await deps.customers.byId(outcome.rootId),
          splitId: outcome.splitId,
          movedTouchpoints: outcome.assignments.find((a) => a.customerId === outcome.restoredId)?.messageIds.length ?? 0,
        };
      },
      // Working the review queue is data stewardship: support, and compliance, who answer for it.
      resolveIdentityReview: async (_, args, ctx) => {
        authorise(ctx.caller, STEWARDS);
        const outcome = await resolveIdentityReview(deps, args.id, args.decision === 'MERGE' ? 'merge' : 'reject', ctx.caller.subject);
        if (outcome.kind === 'error') return { ok: false, errorCode: outcome.code };
        return { ok: true, customer: outcome.kind === 'merged' ? await deps.customers.byId(outcome.customerId) : null };
      },
    },
  };
}
