import type { CustomerIdentityView, SubgraphContext } from '@c360/service-kit';
import type { CustomerResolvers, MutationResolvers, RecordConsentInput } from '../__generated__/resolvers-types';
import { currentConsents, type ConsentEntry, type Purpose } from '../domain/consent';
import { governanceError } from '../errors';
import type { ConsentChangePublisher } from '../events/consent-change.publisher';
import type { AuditRepository } from '../store/audit.repository';
import type { ConsentRepository } from '../store/consent.repository';
import { authorise } from './authorise';

export interface ConsentResolverDeps {
  consents: ConsentRepository;
  identities: CustomerIdentityView;
  audit: AuditRepository;
  changes: ConsentChangePublisher;
  grantedByDefault: ReadonlySet<Purpose>;
}

// Who may change consent: compliance officers and services relaying a preference centre. Reading the
// full history (who recorded what) is for compliance and services; the current consents for anyone signed in.
const WRITERS = ['compliance', 'service'] as const;

async function append(deps: ConsentResolverDeps, input: RecordConsentInput, ctx: SubgraphContext) {
  if (!input.customerId.trim() || !input.source.trim()) throw governanceError('BAD_USER_INPUT', 'customerId and source must not be empty');
  const entry: ConsentEntry = {
    purpose: input.purpose,
    channel: input.channel ?? null,
    status: input.status,
    source: input.source.trim(),
    lawfulBasis: input.lawfulBasis ?? null,
    policyVersion: input.policyVersion ?? null,
    recordedAt: new Date(),
  };
  // Consent given under a merged-away id belongs to the person, so it is stored under the survivor.
  const survivor = await deps.identities.survivorOf(input.customerId);
  await deps.consents.append(survivor, entry, ctx.caller.subject);
  await deps.audit.append({
    actor: ctx.caller.subject,
    action: `consent.${entry.status}`,
    subject: survivor,
    details: { purpose: entry.purpose, channel: entry.channel, source: entry.source, policyVersion: entry.policyVersion },
  });
  await deps.changes.publish(await deps.identities.expand(survivor));
  return { ...entry, isDefault: false };
}

export function createConsentResolvers(deps: ConsentResolverDeps): { Customer: CustomerResolvers; Mutation: MutationResolvers } {
  return {
    Customer: {
      consents: async (customer) => currentConsents(await deps.consents.ledger(await deps.identities.expand(customer.id)), deps.grantedByDefault),
      consentHistory: async (customer, _, ctx) => {
        authorise(ctx, WRITERS);
        return deps.consents.history(await deps.identities.expand(customer.id));
      },
    },
    Mutation: {
      recordConsent: async (_, { input }, ctx) => {
        authorise(ctx, WRITERS);
        return append(deps, input, ctx);
      },
      withdrawConsent: async (_, { input }, ctx) => {
        authorise(ctx, WRITERS);
        return append(deps, { ...input, status: 'withdrawn', lawfulBasis: null }, ctx);
      },
    },
  };
}
