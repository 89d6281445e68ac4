import type { Caller } from '@c360/auth';
import { CHANNEL_ENUM_VALUES } from '@c360/contracts';
import type { DecisionAnswer } from '../../domain/content/recovery-action';
import { SubgraphClient } from '../grounding/subgraph-client';

const DECIDE = /* GraphQL */ `
  mutation ($customerId: ID!, $placement: String!, $context: [ContextEntry!], $requestId: ID) {
    decideNextBestAction(customerId: $customerId, placement: $placement, context: $context, requestId: $requestId) {
      reason
      decision {
        id
        holdout
        channel
        action {
          id
        }
      }
    }
  }
`;

interface Answer {
  decideNextBestAction: {
    reason: string | null;
    decision: { id: string; holdout: boolean; channel: string | null; action: { id: string } | null } | null;
  };
}

type ContextEntry = { key: string; number?: number; text?: string };

/**
 * Asks insights' next best action what a recovery should carry, through its subgraph (trace headers
 * included), as generation's recovery worker. `requestId` makes the question idempotent in insights:
 * a retried job gets the decision the first attempt took, not a second one.
 */
export class InsightsDecisions {
  private readonly client: SubgraphClient;

  constructor(config: { insightsUrl: string; internalTokenSecret: string; timeoutMs: number }) {
    this.client = new SubgraphClient('insights', config.insightsUrl, config.internalTokenSecret, config.timeoutMs);
  }

  async decide(
    caller: Caller,
    request: { customerId: string; placement: string; context: Record<string, string | number>; requestId: string },
  ): Promise<DecisionAnswer> {
    const context: ContextEntry[] = Object.entries(request.context).map(([key, value]) =>
      typeof value === 'number' ? { key, number: value } : { key, text: value },
    );
    let answer: Answer;
    try {
      answer = await this.client.query<Answer>(caller, DECIDE, { ...request, context });
    } catch {
      // Unreachable, timed out, or an answer without data (the subgraph refused): the caller falls back to its policy.
      return { kind: 'unreachable' };
    }
    const { decision, reason } = answer.decideNextBestAction;
    if (!decision) return { kind: 'no_decision', reason: reason?.toLowerCase() ?? 'none' };
    if (decision.holdout) return { kind: 'holdout', decisionId: decision.id };
    const channel = decision.channel ? CHANNEL_ENUM_VALUES[decision.channel] : undefined;
    if (!decision.action || !channel) return { kind: 'no_decision', reason: 'incomplete decision' };
    return { kind: 'decided', decisionId: decision.id, actionId: decision.action.id, channel };
  }
}
