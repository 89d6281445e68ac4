import { grantingProfile, startStaticConsentService, type StaticConsentService } from '@c360/consent-client';
import { EVENTS, type Channel, type CustomerUpdatedEvent } from '@c360/contracts';
import { createLogger, createRedisConnection, EventPublisher, type RedisClient, type RunningService } from '@c360/service-kit';
import { dropDatabase, subgraphRequest, TEST_SECRET, testStack, uniqueName, waitFor } from '@c360/testing';
import { loadConfig } from '../config';
import { startInsights } from '../service';
import { startStaticTouchpointTexts, type StaticTouchpointTexts } from './static-touchpoint-texts';

export const DAY = 86_400_000;

export interface Touch {
  at: Date;
  channel?: Channel;
  type?: string;
  eventKey?: string;
  amount?: number;
  attributes?: Record<string, string | number | boolean>;
}

/** A customer.updated carrying these touchpoints, as identity-graph publishes it. */
export function updateWith(customerId: string, touches: readonly Touch[], merged: string[] = []): CustomerUpdatedEvent {
  const refs = touches.map((t) => ({
    messageId: uniqueName('m'),
    channel: t.channel ?? 'web',
    occurredAt: t.at.toISOString(),
    ...(t.type ? { type: t.type as 'track' } : {}),
    ...(t.eventKey ? { eventKey: t.eventKey } : {}),
    ...(t.amount !== undefined ? { value: { amount: t.amount, currency: 'USD' } } : {}),
    ...(t.attributes ? { attributes: t.attributes } : {}),
  }));
  return { customerId, version: 1, mergedCustomerIds: merged, touchpoint: refs.at(-1), touchpoints: refs, updatedAt: new Date().toISOString() };
}

/**
 * A population where churn is learnable: engaged customers (even i) keep coming after the cutoff but
 * for one in twenty; lapsed ones (odd i) stop but for one in fourteen.
 */
export function churnHistory(i: number, cutoff: Date): Touch[] {
  const engaged = i % 2 === 0;
  const before: Touch[] = engaged
    ? Array.from({ length: 6 + (i % 5) }, (_, k) => ({
        at: new Date(cutoff.getTime() - (1 + k * 4) * DAY),
        channel: k % 3 ? 'web' : 'app',
        eventKey: 'Product Viewed',
      }))
    : Array.from({ length: 1 + (i % 3) }, (_, k) => ({ at: new Date(cutoff.getTime() - (60 + k * 9) * DAY), channel: 'email', eventKey: 'Email Opened' }));
  const staysActive = engaged ? i % 20 !== 0 : i % 14 === 1;
  return staysActive ? [...before, { at: new Date(cutoff.getTime() + 5 * DAY), channel: 'web', eventKey: 'Product Viewed' }] : before;
}

/** insights started on its own database and queue prefix, fed through its real customer.updated queue. */
export class InsightsHarness {
  service!: RunningService;
  governance!: StaticConsentService;
  texts!: StaticTouchpointTexts;
  redis!: RedisClient;
  publisher!: EventPublisher;
  readonly db = uniqueName('c360_test_insights_pred');
  readonly prefix = uniqueName('t');

  async start(): Promise<void> {
    const stack = testStack();
    this.governance = await startStaticConsentService(grantingProfile(['profiling']));
    this.texts = await startStaticTouchpointTexts();
    const config = loadConfig({
      ...stack,
      MONGODB_DB: this.db,
      QUEUE_PREFIX: this.prefix,
      PORT: '0',
      INTERNAL_TOKEN_SECRET: TEST_SECRET,
      LOG_LEVEL: 'silent',
      CONSENT_SERVICE_URL: this.governance.url,
      TOUCHPOINT_STORE_URL: this.texts.url,
    });
    this.service = await startInsights(config, createLogger('insights-test', 'silent'));
    this.redis = createRedisConnection(stack.REDIS_URL);
    this.publisher = new EventPublisher({ connection: this.redis, prefix: this.prefix });
  }

  async stop(): Promise<void> {
    await this.publisher.close();
    await this.service.close();
    await this.governance.close();
    await this.texts.close();
    await this.redis.quit();
    await dropDatabase(testStack().MONGODB_URI, this.db);
  }

  async publish(event: CustomerUpdatedEvent): Promise<void> {
    await this.publisher.publish(EVENTS.customerUpdated, event, uniqueName('j'));
  }

  /** Until insights' customer.updated queue has nothing waiting or running. */
  async drained(timeoutMs = 60_000): Promise<void> {
    const key = (s: string) => `${this.prefix}:customer.updated--insights:${s}`;
    await waitFor(
      async () => (await this.redis.llen(key('wait'))) === 0 && (await this.redis.llen(key('active'))) === 0,
      timeoutMs,
      'customer.updated drained',
    );
  }

  /** Trains a churn model through trainModel, waits for it and promotes it; answers its id. */
  async trainAndPromoteChurn(cutoff: Date): Promise<string> {
    const started = await this.query<{ trainModel: { id: string } }>(`mutation ($c: DateTime!) { trainModel(input: { kind: CHURN, cutoff: $c }) { id } }`, {
      c: cutoff.toISOString(),
    });
    const modelId = await waitFor(
      async () => {
        const { modelRun } = await this.query<{ modelRun: { status: string; error: string | null; result: { model: { id: string } } | null } }>(
          `query ($id: ID!) { modelRun(id: $id) { status error result { model { id } } } }`,
          { id: started.trainModel.id },
        );
        if (modelRun.status === 'FAILED') throw new Error(modelRun.error ?? 'training failed');
        return modelRun.result?.model.id;
      },
      90_000,
      'training run',
    );
    await this.query(`mutation ($id: ID!) { promoteModel(modelId: $id) { id } }`, { id: modelId });
    return modelId;
  }

  async query<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await subgraphRequest<T>(this.service.url, query, variables);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data as T;
  }
}
