import { EVENTS, eventQueueName, privacyQueueName, QUEUES } from '@c360/contracts';
import { testStack, uniqueName, waitFor } from '@c360/testing';
import { UnrecoverableError } from 'bullmq';
import { countJobsMatching, jobNamesCustomer, removeEventsMentioning, removeJobsMatching } from './job-scrub';
import { createLogger } from './logger';
import { createQueue, createWorker } from './queue';
import { createRedisConnection, type RedisClient } from './redis-connection';

const logger = createLogger('job-scrub-test', 'silent');

let redis: RedisClient;

beforeAll(() => {
  redis = createRedisConnection(testStack().REDIS_URL);
});

afterAll(() => redis.quit());

describe('removeJobsMatching on Redis', () => {
  it('removes failed and waiting jobs about a person and leaves the rest', async () => {
    const ctx = { connection: redis, prefix: uniqueName('t') };
    const scrub = eventQueueName(EVENTS.customerUpdated, 'insights');
    const queue = createQueue(ctx, scrub);
    const worker = createWorker(
      ctx,
      scrub,
      async () => {
        throw new UnrecoverableError('poison');
      },
      { logger },
    );
    await queue.add('e', { customerId: 'erased' });
    await queue.add('e', { customerId: 'kept', mergedCustomerIds: ['other'] });
    await waitFor(async () => (await queue.getJobCountByTypes('failed')) === 2, 10_000, 'both jobs to fail');
    await worker.close();
    await queue.add('e', { customerId: 'x', mergedCustomerIds: ['erased'] }, { delay: 60_000 });

    const about = jobNamesCustomer(new Set(['erased']));
    expect(await countJobsMatching(queue, about)).toBe(2);
    expect(await removeJobsMatching(queue, about)).toBe(2);
    expect(await countJobsMatching(queue, about)).toBe(0);
    expect((await queue.getJobs(['failed'])).map((j) => j.data)).toEqual([{ customerId: 'kept', mergedCustomerIds: ['other'] }]);
    await queue.obliterate({ force: true });
    await queue.close();
  });

  it('takes the items about a person out of batch jobs, keeping the other items, and removes a batch left empty', async () => {
    const ctx = { connection: redis, prefix: uniqueName('t') };
    const queue = createQueue(ctx, QUEUES.touchpointLink);
    const mixed = await queue.add('b', { items: [{ customerId: 'erased' }, { customerId: 'kept' }, { customerId: 'erased' }] });
    const theirs = await queue.add('b', { items: [{ customerId: 'erased' }] });
    const about = jobNamesCustomer(new Set(['erased']));
    expect(await countJobsMatching(queue, about)).toBe(3);
    expect(await removeJobsMatching(queue, about)).toBe(3);
    expect(await countJobsMatching(queue, about)).toBe(0);
    expect((await queue.getJob(mixed.id!))?.data).toEqual({ items: [{ customerId: 'kept' }] });
    expect(await queue.getJob(theirs.id!)).toBeUndefined();
    await queue.obliterate({ force: true });
    await queue.close();
  });

  it('removes event-stream entries whose job result names a person', async () => {
    const ctx = { connection: redis, prefix: uniqueName('t') };
    const results = privacyQueueName('insights');
    const queue = createQueue(ctx, results);
    const worker = createWorker(ctx, results, async (job) => ({ customerId: (job.data as { who: string }).who }), { logger });
    await queue.add('r', { who: 'erased-person' });
    await queue.add('r', { who: 'someone-else' });
    const stream = `${ctx.prefix}:${results}:events`;
    const text = async () => JSON.stringify(await redis.xrange(stream, '-', '+'));
    await waitFor(async () => (await text()).includes('erased-person') && (await text()).includes('someone-else'), 10_000, 'both results in the stream');
    await worker.close();
    expect(await removeEventsMentioning(queue, ['erased-person'])).toBe(1);
    expect(await text()).not.toContain('erased-person');
    expect(await text()).toContain('someone-else');
    await queue.obliterate({ force: true });
    await queue.close();
  });
});
