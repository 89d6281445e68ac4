import { INTERNAL_HEADER, signInternalToken } from '@c360/auth';
import { touchpointRefSchema, type TouchpointRef } from '@c360/contracts';
import { traceHeaders } from '@c360/service-kit';
import { z } from 'zod';

const QUERY = `query ($c: ID!, $first: Int, $after: String) {
  customerTouchpointFacts(customerId: $c, first: $first, after: $after) { facts endCursor hasNextPage }
}`;

const answerSchema = z.object({
  data: z
    .object({
      customerTouchpointFacts: z.object({ facts: z.array(touchpointRefSchema), endCursor: z.string().nullable(), hasNextPage: z.boolean() }),
    })
    .nullish(),
  errors: z.array(z.object({ message: z.string(), extensions: z.object({ code: z.string().optional() }).optional() })).optional(),
});

/**
 * Asks touchpoint-store, the owner of touchpoints, for a customer's whole history in the shape
 * customer.updated carries (customerTouchpointFacts, service role), a page at a time. Read once, when a
 * customer allows profiling again: insights kept nothing of theirs while they objected.
 */
export class TouchpointFactsClient {
  constructor(
    private readonly graphqlUrl: string,
    private readonly internalTokenSecret: string,
    private readonly options: { pageSize?: number; timeoutMs?: number } = {},
  ) {}

  /** Throws when touchpoint-store cannot answer or answers what the contract does not allow. */
  async factsOf(customerId: string): Promise<TouchpointRef[]> {
    const all: TouchpointRef[] = [];
    let after: string | null = null;
    do {
      const page = await this.page(customerId, after);
      all.push(...page.facts);
      after = page.hasNextPage ? page.endCursor : null;
    } while (after !== null);
    return all;
  }

  private async page(customerId: string, after: string | null) {
    const token = await signInternalToken({ subject: 'insights', roles: ['service'], scopes: [] }, this.internalTokenSecret);
    const res = await fetch(this.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_HEADER]: token, ...traceHeaders() },
      body: JSON.stringify({ query: QUERY, variables: { c: customerId, first: this.options.pageSize ?? 1000, after } }),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
    const body = answerSchema.parse(await res.json());
    if (body.errors?.length || !body.data) throw new Error(`touchpoint-store refused the history read: ${body.errors?.[0]?.extensions?.code ?? res.status}`);
    return body.data.customerTouchpointFacts;
  }
}
