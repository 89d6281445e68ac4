import type { SubgraphClient } from './subgraph-client';

/** The identifier types touchpoint-store's recordTouchpoints takes, most stable first. */
const PREFERRED = ['crmId', 'email', 'phone', 'deviceId', 'anonymousId'] as const;
export type ChatIdentifierType = (typeof PREFERRED)[number];

const QUERY = `query ($id: ID!) { customer(id: $id) { id identifiers { typeName value } } }`;

/**
 * One identifier of a customer, from identity-graph, to put on their chat touchpoints so identity
 * resolution links them to that customer like any other touchpoint.
 */
export class IdentityLookup {
  constructor(private readonly identityGraph: SubgraphClient) {}

  async identifierOf(customerId: string): Promise<{ type: ChatIdentifierType; value: string } | null> {
    const data = await this.identityGraph.call<{ customer: { identifiers: { typeName: string; value: string }[] } | null }>(QUERY, { id: customerId });
    const identifiers = data.customer?.identifiers ?? [];
    for (const type of PREFERRED) {
      const found = identifiers.find((i) => i.typeName === type);
      if (found) return { type, value: found.value };
    }
    return null;
  }
}
