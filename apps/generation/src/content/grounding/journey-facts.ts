import type { Caller } from '@c360/auth';
import type { GroundingFact } from '../../domain/content/grounding';
import type { SubgraphClient } from './subgraph-client';

const QUERY = /* GraphQL */ `
  query ($id: ID!, $from: DateTime!) {
    _entities(representations: [{ __typename: "Customer", id: $id }]) {
      ... on Customer {
        journey(first: 100, from: $from) {
          totalCount
          edges {
            node {
              type
              event
              channel
              occurredAt
            }
          }
        }
        journeyStage {
          stage
        }
      }
    }
  }
`;

interface Answer {
  journey?: { totalCount: number; edges: { node: { type: string; event: string | null; channel: string; occurredAt: string } }[] };
  journeyStage?: { stage: string } | null;
}

const RECENT = 5;

/**
 * The recent journey from touchpoint-store: event names, channels and days only. Properties and
 * free text are personal (and may hold anything) and are never asked for.
 */
export async function journeyFacts(client: SubgraphClient, caller: Caller, customerId: string, now: Date, lookbackDays: number): Promise<GroundingFact[]> {
  const from = new Date(now.getTime() - lookbackDays * 86_400_000).toISOString();
  const data = await client.query<{ _entities: (Answer | null)[] }>(caller, QUERY, { id: customerId, from });
  const customer = data._entities[0];
  const facts: GroundingFact[] = [];
  // Oldest first in the connection: the last edges are the most recent.
  const recent = (customer?.journey?.edges ?? []).slice(-RECENT).reverse();
  if (recent.length > 0) {
    const described = recent.map(({ node }) => `${node.event ?? node.type} on ${node.channel.toLowerCase()} (${node.occurredAt.slice(0, 10)})`);
    facts.push({ source: 'touchpoint-store', key: 'recent_events', value: described.join('; ') });
    facts.push({ source: 'touchpoint-store', key: 'last_channel', value: recent[0]?.node.channel.toLowerCase().replace('_', ' ') ?? '' });
  }
  if (customer?.journey) facts.push({ source: 'touchpoint-store', key: `touchpoints_last_${lookbackDays}_days`, value: String(customer.journey.totalCount) });
  if (customer?.journeyStage?.stage) facts.push({ source: 'touchpoint-store', key: 'journey_stage', value: customer.journeyStage.stage.toLowerCase() });
  return facts;
}
