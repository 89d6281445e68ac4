import { PRIVACY_QUEUES, privacyQueueName } from '@c360/contracts';
import { startRedisCluster, uniqueName, waitFor, type LocalRedisCluster } from '@c360/testing';
import { FlowProducer, Queue, QueueEvents } from 'bullmq';
import { Cluster } from 'ioredis';
import { createLogger } from './logger';
import { createQueue, createWorker, subscribeWhenReady } from './queue';
import { createRedisConnection, type RedisClient } from './redis-connection';

const logger = createLogger('redis-cluster-test', 'silent');
let cluster: LocalRedisCluster;
let redis: RedisClient;

beforeAll(async () => {
  cluster = await startRedisCluster(3);
  redis = createRedisConnection(cluster.url);
}, 60_000);

afterAll(async () => {
  await redis?.quit();
  await cluster?.stop();
}, 30_000);

describe('createRedisConnection on a 3-master Redis Cluster', () => {
  it('connects as a cluster client that sees every master', async () => {
    expect(redis).toBeInstanceOf(Cluster);
    await waitFor(async () => (redis as Cluster).nodes('master').length === 3, 10_000, 'three masters');
    expect(await redis.ping()).toBe('PONG');
  });

  it('runs a flow whose parent and child sit in different queues when the prefix is a hash tag', async () => {
    const ctx = { connection: redis, prefix: `{${uniqueName('flow')}}` };
    const seen: string[] = [];
    // governance's privacy flows: a parent in privacy-requests, a child in a service's privacy queue.
    const [PARENT, CHILD] = [PRIVACY_QUEUES.requests, privacyQueueName('insights')] as const;
    const child = createWorker(ctx, CHILD, async (job) => void seen.push(`child ${job.id}`), { logger });
    const parent = createWorker(ctx, PARENT, async (job) => Object.keys(await job.getChildrenValues()).length, { logger });
    const producer = new FlowProducer({ connection: redis, prefix: ctx.prefix });
    const eventsConnection = createRedisConnection(cluster.url);
    const events = new QueueEvents(PARENT, { connection: eventsConnection, prefix: ctx.prefix });
    try {
      await events.waitUntilReady();
      const flow = await producer.add({
        name: 'p',
        queueName: PARENT,
        opts: { jobId: 'p1' },
        children: [{ name: 'c', queueName: CHILD, opts: { jobId: 'c1' } }],
      });
      expect(await flow.job.waitUntilFinished(events, 20_000)).toBe(1);
      expect(seen).toEqual(['child c1']);
    } finally {
      await Promise.all([child.close(), parent.close(), producer.close(), events.close()]);
      await eventsConnection.quit();
      for (const name of [PARENT, CHILD]) {
        const queue = createQueue(ctx, name);
        await queue.obliterate({ force: true });
        await queue.close();
      }
    }
  });

  it('refuses queue work under a prefix that is not a hash tag (why QUEUE_PREFIX must be one here)', async () => {
    const queue = new Queue('plain', { connection: redis, prefix: uniqueName('plain') });
    try {
      await expect(queue.add('x', {})).rejects.toThrow(/CROSSSLOT/);
    } finally {
      await queue.close();
    }
  });

  it('carries pub/sub messages between connections wherever the cluster placed them', async () => {
    const channel = `{${uniqueName('ps')}}:consent.changed`;
    const subscriber = redis.duplicate();
    const received: string[] = [];
    subscriber.on('message', (_channel: string, message: string) => received.push(message));
    const publisher = createRedisConnection(cluster.url);
    try {
      await subscribeWhenReady(subscriber, channel);
      await waitFor(async () => (await publisher.publish(channel, 'hello')) > 0 || undefined, 10_000, 'a subscriber to hear');
      await waitFor(async () => received.includes('hello'), 10_000, 'the message');
    } finally {
      await Promise.all([subscriber.quit(), publisher.quit()]);
    }
  });
});
