import type { CustomerIdentityView } from '@c360/service-kit';
import { CONTENT_CHANNELS, CONTENT_PURPOSES, type ContentChannel, type ContentPurpose, type VariantParts } from '../domain/content/content-channels';
import { DRAFT_STATUSES } from '../domain/content/review';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { ContentDrafting } from './content-drafting';
import { ContentError, toGraphQLError } from './content-errors';
import type { ContentReview } from './content-review';
import type { ContentDraft, ContentDraftRepository } from './store/content-draft.repository';

const enumMap = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v.toUpperCase(), v])) as Record<Uppercase<T>, T>;

/** Every resolver error leaves through the one mapping of content errors. */
async function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw toGraphQLError(err);
  }
}

const MAX_PAGE = 100;

export function contentArmsOf(drafts: readonly ContentDraft[]) {
  return drafts.flatMap((d) =>
    d.variants.map((_, i) => ({
      armId: `${d.id}:${i + 1}`,
      draftId: d.id,
      variantIndex: i + 1,
      customerId: d.customerId,
      channel: d.channel,
      purpose: d.purpose,
      version: d.version,
      approvedAt: d.review?.at ?? d.createdAt,
      actionId: d.actionId ?? null,
    })),
  );
}

export function createContentResolvers(deps: {
  drafting: ContentDrafting;
  review: ContentReview;
  drafts: ContentDraftRepository;
  identities: CustomerIdentityView;
}): Resolvers {
  const { drafting, review, drafts, identities } = deps;
  return {
    ContentChannel: enumMap(CONTENT_CHANNELS),
    ContentPurpose: enumMap(CONTENT_PURPOSES),
    DraftStatus: enumMap(DRAFT_STATUSES),
    DraftTrigger: {
      REQUEST: 'request',
      JOURNEY_DROPOFF: 'journey.dropoff',
      PREDICTION_BAND_CHANGED: 'prediction.band_changed',
      SENTIMENT_TURNED: 'customer.sentiment-turned',
    },
    Customer: {
      contentDrafts: async (customer, { status }) => drafts.list({ status: status ?? undefined, customerIds: await identities.expand(customer.id) }, MAX_PAGE),
      contentArms: async (customer, { channel, purpose }) =>
        contentArmsOf(
          await drafts.list(
            {
              status: 'approved',
              channel: (channel ?? undefined) as ContentChannel | undefined,
              purpose: (purpose ?? undefined) as ContentPurpose | undefined,
              customerIds: await identities.expand(customer.id),
            },
            MAX_PAGE,
          ),
        ),
    },
    ContentDraft: {
      variants: (d) => d.variants.map((v, i) => ({ ...v, index: i + 1 })),
      versions: (d) => d.versions.map((v) => ({ ...v, variants: v.variants.map((p, i) => ({ ...p, index: i + 1 })) })),
      reviewedBy: (d) => d.review?.by ?? null,
      reviewedAt: (d) => d.review?.at ?? null,
      rejectionReason: (d) => (d.status === 'rejected' || d.status === 'withdrawn' ? (d.review?.reason ?? null) : null),
      actionId: (d) => d.actionId ?? null,
      decisionId: (d) => d.decisionId ?? null,
      actionNote: (d) => d.actionNote ?? null,
      trigger: (d) => d.trigger.kind,
    },
    DraftGrounding: {
      unavailableSources: (g) => g.unavailable,
    },
    Query: {
      drafts: (_, { status, channel, purpose, first, before }) =>
        mapped(async () => {
          const limit = first ?? 20;
          if (limit < 1 || limit > MAX_PAGE) throw new ContentError('BAD_USER_INPUT', `first must be 1 to ${MAX_PAGE}`);
          return drafts.list({ status, channel: channel ?? undefined, purpose: purpose ?? undefined }, limit, before ?? undefined);
        }),
      draft: (_, { id }) => drafts.get(id),
    },
    Mutation: {
      draftContent: (_, { input }, { caller }) =>
        mapped(() => drafting.draft(caller, { ...input, variants: input.variants ?? 1, actionId: input.actionId ?? null })),
      approveDraft: (_, { id }, { caller }) => mapped(() => review.approve(caller, id)),
      rejectDraft: (_, { id, reason }, { caller }) => mapped(() => review.reject(caller, id, reason)),
      withdrawDraft: (_, { id, reason }, { caller }) => mapped(() => review.withdraw(caller, id, reason)),
      editDraft: (_, { id, variants, note }, { caller }) => mapped(() => review.edit(caller, id, variants as VariantParts[], note ?? null)),
    },
  };
}
