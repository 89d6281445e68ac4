import { DateTimeScalar } from '@c360/contracts';
import type { CustomerIdentityView } from '@c360/service-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { DraftRepository } from '../store/draft.repository';

export function createResolvers(drafts: DraftRepository, identities: CustomerIdentityView): Resolvers {
  return {
    DateTime: DateTimeScalar,
    Customer: {
      __resolveReference: (ref) => ({ id: ref.id }),
      // Consent governs drafting (the worker) and who may read the text (GeneratedContent.text is
      // @personal: field access masks it per role and consent). The customer's own draft describes
      // the whole person; one under a merged-away id is an older view, served only until the
      // survivor has its own (a late event for that id may still write one).
      greeting: async (customer) => (await drafts.latest([customer.id])) ?? drafts.latest(await identities.expand(customer.id)),
    },
  };
}
