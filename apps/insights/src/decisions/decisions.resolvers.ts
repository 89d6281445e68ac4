import { CHANNELS, type Channel } from '@c360/contracts';
import type { CustomerIdentityView } from '@c360/service-kit';
import type { ContextEntry, Resolvers } from '../__generated__/resolvers-types';
import { ActionDefinitionError, validateAction } from '../domain/decisions/action';
import type { Literal } from '../domain/decisions/eligibility-rule';
import { reportArms } from '../domain/decisions/decision-report';
import { reportVariants } from '../domain/decisions/variant-report';
import type { ActionRepository } from './action.repository';
import type { ContentArmRepository } from './content-arm.repository';
import type { DecisionRepository } from './decision.repository';
import { DecisionError, toGraphQLError } from './decision-errors';
import type { DecisionOutcomes } from './decision-outcomes';
import type { NextBestAction } from './next-best-action';

const upperMap = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v.toUpperCase(), v])) as Record<string, T>;
const PLACEMENT = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const CONTEXT_KEY = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_CONTEXT = 50;

function contextOf(entries: readonly ContextEntry[]): Record<string, Literal> {
  if (entries.length > MAX_CONTEXT) throw new DecisionError('BAD_USER_INPUT', `context: at most ${MAX_CONTEXT} entries`);
  const context: Record<string, Literal> = {};
  for (const { key, number, text, flag } of entries) {
    if (!CONTEXT_KEY.test(key) || Object.hasOwn(context, key))
      throw new DecisionError('BAD_USER_INPUT', `context: keys are unique names of letters, digits and _ (${key.slice(0, 40)})`);
    const values = [number, text, flag].filter((v) => v !== null && v !== undefined);
    if (values.length !== 1) throw new DecisionError('BAD_USER_INPUT', `context.${key}: exactly one of number, text or flag`);
    if (typeof text === 'string' && text.length > 256) throw new DecisionError('BAD_USER_INPUT', `context.${key}: text up to 256 characters`);
    context[key] = values[0] as Literal;
  }
  return context;
}

async function edge<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ActionDefinitionError) throw toGraphQLError(new DecisionError('BAD_USER_INPUT', err.message));
    throw toGraphQLError(err);
  }
}

export function createDecisionResolvers(deps: {
  actions: ActionRepository;
  decisions: DecisionRepository;
  contentArms: Pick<ContentArmRepository, 'byDrafts'>;
  identities: Pick<CustomerIdentityView, 'expand'>;
  nba: NextBestAction;
  outcomes: DecisionOutcomes;
  holdoutShare: number;
}): Pick<Resolvers, 'ActionKind' | 'OutcomeSource' | 'NoDecisionReason' | 'Decision' | 'Customer' | 'Query' | 'Mutation'> {
  return {
    ActionKind: upperMap(['offer', 'message'] as const),
    OutcomeSource: upperMap(['explicit', 'conversion', 'window_elapsed'] as const),
    NoDecisionReason: upperMap(['no_active_action', 'no_consented_channel', 'not_eligible', 'capped'] as const),
    Decision: {
      action: async (d) => (d.holdout ? null : ((await deps.actions.byIds([d.actionId])).get(d.actionId) ?? null)),
      channel: (d) => (d.holdout ? null : d.channel),
      policy: (d) => (d.holdout ? 'holdout' : d.policy),
      probability: (d) => (d.holdout ? deps.holdoutShare : d.propensity),
      rewardWindowEndsAt: (d) => d.expiresAt,
      outcome: (d) => (d.reward === null || !d.outcomeSource || !d.outcomeAt ? null : { reward: d.reward, source: d.outcomeSource, recordedAt: d.outcomeAt }),
      variant: (d) => (d.holdout || !d.variant ? null : { ...d.variant, probability: d.variant.propensity }),
    },
    Customer: {
      contentVariantStats: (customer, { from, to }) =>
        edge(async () => {
          if (!(from < to)) throw new DecisionError('BAD_USER_INPUT', 'from must be before to');
          const tallies = await deps.decisions.variantTally(await deps.identities.expand(customer.id), from, to);
          if (tallies.length === 0) return [];
          const [arms, drafts] = await Promise.all([deps.decisions.tally(from, to), deps.contentArms.byDrafts([...new Set(tallies.map((t) => t.draftId))])]);
          const active = new Set(drafts.filter((d) => d.status === 'approved').map((d) => d.draftId));
          return reportVariants(tallies, reportArms(arms)).map((line) => ({ ...line, active: active.has(line.draftId) }));
        }),
    },
    Query: {
      actions: (_, args) => deps.actions.list(args.activeOnly ?? false),
      decisionStats: (_, { from, to }) => {
        if (!(from < to)) throw toGraphQLError(new DecisionError('BAD_USER_INPUT', 'from must be before to'));
        return deps.decisions.tally(from, to).then(reportArms);
      },
    },
    Mutation: {
      defineAction: (_, { input }) =>
        edge(async () => {
          const action = validateAction({
            id: input.id,
            kind: input.kind,
            name: input.name,
            channels: input.channels.filter((c): c is Channel => (CHANNELS as readonly string[]).includes(c)),
            placements: input.placements ?? [],
            eligibility: input.eligibility ?? '',
            priority: input.priority ?? 0,
            caps: (input.caps ?? []).map((c) => ({ channel: c.channel ?? null, max: c.max, periodHours: c.periodHours })),
            startsAt: input.startsAt ?? null,
            endsAt: input.endsAt ?? null,
            active: input.active ?? true,
          });
          const defined = await deps.actions.define(action, new Date());
          deps.nba.forgetCatalogue();
          return defined;
        }),
      decideNextBestAction: (_, args) =>
        edge(async () => {
          if (!args.customerId.trim() || args.customerId.length > 128) throw new DecisionError('BAD_USER_INPUT', 'customerId: 1 to 128 characters');
          if (!PLACEMENT.test(args.placement)) throw new DecisionError('BAD_USER_INPUT', 'placement: lower-case letters, digits, - and _, 1 to 64');
          const requestId = args.requestId ?? undefined;
          if (requestId !== undefined && (!requestId.trim() || requestId.length > 128))
            throw new DecisionError('BAD_USER_INPUT', 'requestId: 1 to 128 characters');
          return deps.nba.decide(args.customerId, args.placement, contextOf(args.context ?? []), requestId);
        }),
      recordDecisionOutcome: (_, { decisionId, reward }) => edge(() => deps.outcomes.record(decisionId, reward)),
    },
  };
}
