import { INTERNAL_HEADER, signInternalToken } from '@c360/auth';
import { traceHeaders } from '@c360/service-kit';
import { CHANNEL_ENUM_VALUES } from '@c360/contracts';
import { z } from 'zod';
import type { AnonymousJourney } from '../domain/anonymous-journey';
import { analyticsError } from './journey-source-error';

const QUERY = `query ($from: DateTime!, $to: DateTime!, $first: Int, $after: String) {
  anonymousJourneys(from: $from, to: $to, first: $first, after: $after) {
    journeys { firstSeenAt firstChannel touches { at event channel campaign } }
    endCursor hasNextPage
  }
}`;

const channel = z.string().transform((c) => CHANNEL_ENUM_VALUES[c] ?? c.toLowerCase());
const pageSchema = z.object({
  data: z.object({
    anonymousJourneys: z.object({
      journeys: z.array(
        z.object({
          firstSeenAt: z.coerce.date(),
          firstChannel: channel,
          touches: z.array(z.object({ at: z.coerce.date(), event: z.string(), channel, campaign: z.string().nullable() })),
        }),
      ),
      endCursor: z.string().nullable(),
      hasNextPage: z.boolean(),
    }),
  }),
});

export interface TouchpointJourneysOptions {
  /** touchpoint-store's subgraph endpoint (…/graphql). */
  url: string;
  internalTokenSecret: string;
  pageSize?: number;
  timeoutMs?: number;
}

/**
 * Reads journeys from their owner, touchpoint-store (anonymousJourneys, service role), a page at a
 * time: insights keeps no copy of who did what, only the aggregates it computes from them.
 */
export class TouchpointJourneys {
  constructor(private readonly options: TouchpointJourneysOptions) {}

  async between(from: Date, to: Date): Promise<AnonymousJourney[]> {
    const all: AnonymousJourney[] = [];
    let after: string | null = null;
    do {
      const page = await this.page(from, to, after);
      all.push(...page.journeys);
      after = page.hasNextPage ? page.endCursor : null;
    } while (after !== null);
    return all;
  }

  private async page(from: Date, to: Date, after: string | null) {
    const token = await signInternalToken({ subject: 'insights', roles: ['service'], scopes: [] }, this.options.internalTokenSecret);
    const variables = { from: from.toISOString(), to: to.toISOString(), first: this.options.pageSize ?? 2000, after };
    let body: unknown;
    try {
      const res = await fetch(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [INTERNAL_HEADER]: token, ...traceHeaders() },
        body: JSON.stringify({ query: QUERY, variables }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
      body = await res.json();
    } catch {
      throw analyticsError('SOURCE_UNAVAILABLE', 'touchpoint-store did not answer');
    }
    const parsed = pageSchema.safeParse(body);
    if (!parsed.success) throw analyticsError('SOURCE_UNAVAILABLE', 'touchpoint-store refused the journey read');
    return parsed.data.data.anonymousJourneys;
  }
}
