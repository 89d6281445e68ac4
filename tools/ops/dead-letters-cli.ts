import { parseArgs } from 'node:util';
import { knownQueueNames } from '@c360/contracts';
import { createRedisConnection, queuePrefixSchema, redisUrlSchema } from '@c360/service-kit';
import { listDeadLetters, retryDeadLetters, UnknownQueueError } from './dead-letters';

const USAGE = `usage: npm run jobs:dead-letters -- [--queue <name>] [--limit <n>] [--json]
       npm run jobs:dead-letters -- --queue <name> --retry [--job <id>]
       npm run jobs:dead-letters -- --list-queues
Reads REDIS_URL and QUEUE_PREFIX as the services do.`;

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        queue: { type: 'string' },
        limit: { type: 'string', default: '20' },
        retry: { type: 'boolean', default: false },
        job: { type: 'string' },
        json: { type: 'boolean', default: false },
        'list-queues': { type: 'boolean', default: false },
      },
    }).values;
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args['list-queues']) {
    console.log(knownQueueNames().join('\n'));
    return 0;
  }
  const limit = Number(args.limit);
  if (!Number.isInteger(limit) || limit < 1) return usage('--limit: a whole number above 0');
  if ((args.retry || args.job) && !args.queue) return usage('--retry: name the queue with --queue');
  if (args.job && !args.retry) return usage('--job: only with --retry');

  const connection = createRedisConnection(redisUrlSchema.parse(process.env['REDIS_URL']));
  const ctx = { connection, prefix: queuePrefixSchema.parse(process.env['QUEUE_PREFIX']) };
  try {
    if (args.retry && args.queue) {
      const result = await retryDeadLetters(ctx, args.queue, args.job);
      if (args.json) console.log(JSON.stringify(result));
      else {
        console.log(`${args.queue}: ${result.retried.length} sent back to be processed`);
        if (result.missing.length > 0) console.log(`not dead letters (gone, or retried already): ${result.missing.join(', ')}`);
      }
      return args.job && result.missing.length > 0 ? 1 : 0;
    }
    const found = await listDeadLetters(ctx, { queue: args.queue, limit });
    if (args.json) console.log(JSON.stringify(found));
    else if (found.length === 0) console.log('no dead letters');
    else
      for (const q of found) {
        console.log(`${q.queue}: ${q.count} dead letter(s)${q.count > q.jobs.length ? `, the newest ${q.jobs.length}` : ''}`);
        for (const j of q.jobs) console.log(`  ${j.id}  ${j.name}  attempts=${j.attempts}  failed ${j.failedAt ?? '?'}  ${j.reason}`);
      }
    return 0;
  } catch (err) {
    if (err instanceof UnknownQueueError) return usage(err.message);
    throw err;
  } finally {
    await connection.quit();
  }
}

function usage(problem: string): number {
  console.error(`${problem}\n${USAGE}`);
  return 2;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error((err as Error).message);
    process.exit(1);
  },
);
