import { QUEUES, type Channel } from '@c360/contracts';
import { createQueue, createRedisConnection } from '@c360/service-kit';
import { dropDatabase, freePort, ServiceProcess, subgraphRequest, TEST_SECRET, testStack, uniqueName, waitFor } from '@c360/testing';

export interface SeedTouch {
  customerId: string;
  event: string;
  channel: Channel;
  occurredAt: Date;
  campaign?: string;
}

const RECORD = `mutation ($input: [TouchpointInput!]!) { recordTouchpoints(input: $input) { accepted rejected } }`;
const COUNT = `query ($from: DateTime!, $to: DateTime!, $after: String) {
  anonymousJourneys(from: $from, to: $to, first: 5000, after: $after) { journeys { touches { at } } endCursor hasNextPage } }`;

/**
 * touchpoint-store running as its own process, as in production, for insights' integration tests:
 * touchpoints go in through recordTouchpoints and are linked to customers by link jobs, as
 * identity-graph would, so insights reads them through the real anonymousJourneys.
 */
export class TouchpointStoreHarness {
  readonly db = uniqueName('c360_test_tp_insights');
  readonly prefix = uniqueName('t');
  private process: ServiceProcess | undefined;
  private readonly redis = createRedisConnection(testStack().REDIS_URL);
  private readonly seeded: Date[] = [];

  get url(): string {
    if (!this.process) throw new Error('touchpoint-store not started');
    return this.process.url;
  }

  async start(consentUrl: string): Promise<void> {
    const stack = testStack();
    this.process = new ServiceProcess('touchpoint-store', await freePort(), {
      MONGODB_URI: stack.MONGODB_URI,
      MONGODB_DB: this.db,
      REDIS_URL: stack.REDIS_URL,
      QUEUE_PREFIX: this.prefix,
      INTERNAL_TOKEN_SECRET: TEST_SECRET,
      ACCESS_TOKEN_SECRET: 'insights-test-access-secret-32-chars!!',
      SUPPRESSION_SECRET: 'insights-test-suppression-secret-32-chars',
      CONSENT_SERVICE_URL: consentUrl,
      LOG_LEVEL: 'warn',
    });
    await this.process.start(120_000);
  }

  /** Records the touches, links each to its customer, and waits until touchpoint-store shows them all; answers their messageIds, in order. */
  async seed(touches: readonly SeedTouch[]): Promise<string[]> {
    const links = createQueue({ connection: this.redis, prefix: this.prefix }, QUEUES.touchpointLink);
    const messageIds: string[] = [];
    try {
      for (let i = 0; i < touches.length; i += 500) {
        const chunk = touches.slice(i, i + 500).map((t) => ({ ...t, messageId: uniqueName('m') }));
        messageIds.push(...chunk.map((t) => t.messageId));
        const input = chunk.map((t) => ({
          messageId: t.messageId,
          type: 'track',
          event: t.event,
          channel: t.channel.toUpperCase(),
          occurredAt: t.occurredAt.toISOString(),
          identifiers: { anonymousId: `anon-${t.customerId}` },
          properties: t.campaign ? { campaignId: t.campaign } : {},
        }));
        const res = await subgraphRequest<{ recordTouchpoints: { accepted: number } }>(this.url, RECORD, { input });
        if (res.data?.recordTouchpoints.accepted !== chunk.length) throw new Error(`recordTouchpoints: ${JSON.stringify(res)}`);
        const linkedAt = new Date().toISOString();
        await links.add('link', { items: chunk.map((t) => ({ messageId: t.messageId, customerId: t.customerId, mergedCustomerIds: [], linkedAt })) });
      }
    } finally {
      await links.close();
    }
    this.seeded.push(...touches.map((t) => t.occurredAt));
    await waitFor(async () => (await this.countTouches()) === this.seeded.length, 120_000, `${this.seeded.length} linked touches`);
    return messageIds;
  }

  private async countTouches(): Promise<number> {
    let n = 0;
    let after: string | null = null;
    do {
      const res: { data?: { anonymousJourneys: { journeys: { touches: unknown[] }[]; endCursor: string | null; hasNextPage: boolean } } } =
        await subgraphRequest(this.url, COUNT, {
          from: new Date(Math.min(...this.seeded.map(Number))),
          to: new Date(Math.max(...this.seeded.map(Number)) + 1),
          after,
        });
      if (!res.data) throw new Error('anonymousJourneys failed');
      const page = res.data.anonymousJourneys;
      n += page.journeys.reduce((s, j) => s + j.touches.length, 0);
      after = page.hasNextPage ? page.endCursor : null;
    } while (after !== null);
    return n;
  }

  /** Stops the process only, as a touchpoint-store that went away; stop() still cleans up after it. */
  async stopProcess(): Promise<void> {
    await this.process?.stop();
  }

  async stop(): Promise<void> {
    await this.process?.stop();
    await this.redis.quit();
    await dropDatabase(testStack().MONGODB_URI, this.db);
  }
}
