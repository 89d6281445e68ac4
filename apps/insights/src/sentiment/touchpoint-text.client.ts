import { INTERNAL_HEADER, signInternalToken } from '@c360/auth';
import { traceHeaders } from '@c360/service-kit';
import { channelSchema } from '@c360/contracts';
import { z } from 'zod';

export interface TouchpointText {
  messageId: string;
  type: string;
  channel: z.infer<typeof channelSchema>;
  occurredAt: Date;
  text: string;
}

const QUERY = 'query ($ids: [ID!]!) { touchpointTexts(messageIds: $ids) { messageId type channel occurredAt text } }';

const answerSchema = z.object({
  data: z
    .object({
      touchpointTexts: z.array(z.object({ messageId: z.string(), type: z.string(), channel: z.string(), occurredAt: z.string(), text: z.string() })),
    })
    .nullish(),
  errors: z.array(z.object({ message: z.string(), extensions: z.object({ code: z.string().optional() }).optional() })).optional(),
});

/**
 * Asks touchpoint-store, the owner of touchpoint text, for the text of the touchpoints a
 * customer.updated names. The event carries ids only (jobs carry no personal data), so the text
 * travels once, over an authenticated call, to the one service that scores it, and is not kept here.
 */
export class TouchpointTextClient {
  constructor(
    private readonly graphqlUrl: string,
    private readonly internalTokenSecret: string,
    private readonly timeoutMs = 5_000,
  ) {}

  /** Throws when touchpoint-store cannot answer, so the event is retried rather than lost. */
  async textsOf(messageIds: readonly string[]): Promise<TouchpointText[]> {
    if (messageIds.length === 0) return [];
    const token = await signInternalToken({ subject: 'insights', roles: ['service'], scopes: [] }, this.internalTokenSecret);
    const res = await fetch(this.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_HEADER]: token, ...traceHeaders() },
      body: JSON.stringify({ query: QUERY, variables: { ids: messageIds } }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const body = answerSchema.parse(await res.json());
    if (body.errors?.length || !body.data) throw new Error(`touchpoint-store refused the text lookup: ${body.errors?.[0]?.extensions?.code ?? res.status}`);
    return body.data.touchpointTexts.map((t) => ({ ...t, channel: channelSchema.parse(t.channel.toLowerCase()), occurredAt: new Date(t.occurredAt) }));
  }
}
