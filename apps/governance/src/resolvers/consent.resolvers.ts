import { AuthError, requireRole } from '@c360/auth';
import { CHANNEL_ENUM_VALUES, DateTimeScalar, type Channel } from '@c360/contracts';
import type { CustomerAliasRepository, SubgraphContext, SubgraphResolvers } from '@c360/service-kit';
import { currentConsents, CONSENT_STATUSES, PURPOSES, type ConsentStatus, type Purpose } from '../domain/consent';
import { governanceError } from '../errors';
import type { ConsentRepository } from '../store/consent.repository';

interface RecordConsentInput {
  customerId: string;
  purpose: Purpose;
  channel?: Channel | null;
  status: ConsentStatus;
  source: string;
  lawfulBasis?: string | null;
  policyVersion?: string | null;
}

const upperMap = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v.toUpperCase(), v]));

export function createResolvers(deps: { consents: ConsentRepository; aliases: CustomerAliasRepository; grantedByDefault: ReadonlySet<Purpose> }) {
  return {
    DateTime: DateTimeScalar,
    Channel: CHANNEL_ENUM_VALUES,
    ConsentPurpose: upperMap(PURPOSES),
    ConsentStatus: upperMap(CONSENT_STATUSES),
    Customer: {
      __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
      consents: async (customer: { id: string }) =>
        currentConsents(await deps.consents.ledger(await deps.aliases.expand(customer.id)), deps.grantedByDefault),
    },
    Mutation: {
      recordConsent: async (_: unknown, { input }: { input: RecordConsentInput }, ctx: SubgraphContext) => {
        try {
          requireRole(ctx.caller, ['compliance', 'service']);
        } catch (err) {
          if (err instanceof AuthError) throw governanceError('FORBIDDEN', err.message);
          throw err;
        }
        if (!input.customerId.trim() || !input.source.trim()) throw governanceError('BAD_USER_INPUT', 'customerId and source must not be empty');
        const entry = {
          purpose: input.purpose,
          channel: input.channel ?? null,
          status: input.status,
          source: input.source.trim(),
          lawfulBasis: input.lawfulBasis ?? null,
          policyVersion: input.policyVersion ?? null,
          recordedAt: new Date(),
        };
        // Consent given under a merged-away id belongs to the person, so it is stored under the survivor.
        await deps.consents.append(await deps.aliases.survivorOf(input.customerId), entry, ctx.caller.subject);
        return { ...entry, isDefault: false };
      },
    },
  } as unknown as SubgraphResolvers;
}
