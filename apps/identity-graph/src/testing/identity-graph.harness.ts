import { QUEUES, type LinkJob, type QueueName, type ResolveJob } from '@c360/contracts';
import { createLogger, createQueue, createRedisConnection, type RedisClient, type RunningService } from '@c360/service-kit';
import { queuedItems, TEST_SECRET, testStack, uniqueName, waitFor } from '@c360/testing';
import type { Queue } from 'bullmq';
import { loadConfig } from '../config';
import { startIdentityGraph } from '../service';

interface Running {
  service: RunningService;
  redis: RedisClient;
  queues: Queue[];
}

/**
 * identity-graph started for one integration test file, under its own queue prefix, with the queue
 * it consumes and the link queue it answers on: `beforeAll(() => ig.start())`, `afterAll(() => ig.close())`.
 */
export class IdentityGraphUnderTest {
  readonly prefix = uniqueName('t');
  private running: Running | undefined;

  constructor(private readonly env: Record<string, string> = {}) {}

  async start(): Promise<void> {
    const config = loadConfig({ ...testStack(), QUEUE_PREFIX: this.prefix, PORT: '0', INTERNAL_TOKEN_SECRET: TEST_SECRET, LOG_LEVEL: 'silent', ...this.env });
    const service = await startIdentityGraph(config, createLogger('identity-test', 'silent'));
    this.running = { service, redis: createRedisConnection(config.REDIS_URL), queues: [] };
  }

  async close(): Promise<void> {
    const { service, redis, queues } = this.state;
    await Promise.all(queues.map((q) => q.close()));
    await service.close();
    await redis.quit();
  }

  get url(): string {
    return this.state.service.url;
  }

  get resolveQueue(): Queue<ResolveJob> {
    return this.queue(QUEUES.identityResolve);
  }

  get links(): Queue<LinkJob> {
    return this.queue(QUEUES.touchpointLink);
  }

  /** A queue under this service's prefix, closed with it. */
  queue<T>(name: QueueName): Queue<T> {
    const found = this.state.queues.find((q) => q.name === name);
    if (found) return found as Queue<T>;
    const queue = createQueue<T>({ connection: this.state.redis, prefix: this.prefix }, name);
    this.state.queues.push(queue as Queue);
    return queue;
  }

  /** Queues a touchpoint for resolution and answers the customer its link names. */
  async resolveAndLink(job: ResolveJob): Promise<string> {
    await this.resolveQueue.add('resolve', job);
    const link = await waitFor(async () => (await queuedItems<LinkJob>(this.links)).find((l) => l.messageId === job.messageId));
    return link.customerId;
  }

  private get state(): Running {
    if (!this.running) throw new Error('identity-graph under test is not started');
    return this.running;
  }
}
