import { once } from 'node:events';
import net from 'node:net';
import { signInternalToken } from '@c360/auth';
import { QUEUES } from '@c360/contracts';
import { createRedisConnection } from '@c360/service-kit';
import { freePort, SERVICE_CALLER, ServiceProcess, TEST_SECRET, testStack, uniqueName, waitFor, type ProcessExit } from '@c360/testing';
import { Queue } from 'bullmq';

/**
 * SIGTERM on identity-graph running as its own process, as a rolling update sends it: the request in
 * flight is answered (and told to close its connection), an idle keep-alive connection is closed
 * rather than left to its idle timeout, new connections are refused, the resolve job in flight
 * finishes, and the process exits 0. And SIGTERM while it starts: what was opened is closed, it
 * exits 0 at once, and it never listens.
 */

/** Reads one HTTP/1.1 response off a raw socket: status, headers and the body of its content-length. */
async function readResponse(socket: net.Socket): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  let raw = '';
  for (;;) {
    const end = raw.indexOf('\r\n\r\n');
    if (end >= 0) {
      const [statusLine = '', ...lines] = raw.slice(0, end).split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      const length = Number(headers['content-length'] ?? 0);
      if (Buffer.byteLength(raw.slice(end + 4)) >= length) return { status: Number(statusLine.split(' ')[1]), headers, body: raw.slice(end + 4) };
    }
    const [chunk] = (await once(socket, 'data')) as [Buffer];
    raw += chunk.toString();
  }
}

async function connect(port: number): Promise<net.Socket> {
  const socket = net.connect(port, '127.0.0.1');
  await once(socket, 'connect');
  return socket;
}

const refusesConnections = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });

function resolveItems(count: number) {
  const run = uniqueName('shutdown');
  return Array.from({ length: count }, (_, i) => ({
    messageId: `${run}-${i}`,
    channel: 'web',
    occurredAt: '2026-05-01T10:00:00Z',
    identifiers: [{ type: 'anonymousId', value: `${run}-anon-${i % 20}` }],
  }));
}

describe('identity-graph on SIGTERM', () => {
  const prefix = uniqueName('shutdown');
  const redis = createRedisConnection(testStack().REDIS_URL);
  const resolveQueue = new Queue(QUEUES.identityResolve, { connection: redis, prefix });
  const linkQueue = new Queue(QUEUES.touchpointLink, { connection: redis, prefix });
  let service: ServiceProcess;

  beforeAll(async () => {
    service = new ServiceProcess('identity-graph', await freePort(), {
      ...testStack(),
      INTERNAL_TOKEN_SECRET: TEST_SECRET,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'warn',
    });
    await service.start(120_000);
  }, 150_000);

  afterAll(async () => {
    await service.stop('SIGKILL');
    await resolveQueue.obliterate({ force: true });
    await linkQueue.obliterate({ force: true });
    await Promise.all([resolveQueue.close(), linkQueue.close()]);
    await redis.quit();
  });

  it('answers the request in flight, closes idle connections, refuses new ones, finishes its job and exits 0', async () => {
    const idle = await connect(service.port);
    idle.write(`GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: keep-alive\r\n\r\n`);
    expect((await readResponse(idle)).headers['connection']).toBe('keep-alive');
    const idleClosed = once(idle, 'close');

    const body = JSON.stringify({ query: 'query ($id: ID!) { customer(id: $id) { id } }', variables: { id: uniqueName('nobody') } });
    const token = await signInternalToken(SERVICE_CALLER, TEST_SECRET);
    const inFlight = await connect(service.port);
    // Headers and half the body: the server holds a request it cannot answer until the rest arrives.
    inFlight.write(
      `POST /graphql HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\nx-c360-internal: ${token}\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 20)}`,
    );

    const job = await resolveQueue.add('resolve', { items: resolveItems(200) }, { jobId: uniqueName('resolve') });
    await waitFor(async () => (await job.getState()) === 'active', 60_000, 'the resolve job to be taken');
    const exited: Promise<ProcessExit | null> = service.stop('SIGTERM');

    await idleClosed;
    await waitFor(() => refusesConnections(service.port), 60_000, 'new connections to be refused');
    inFlight.write(body.slice(20));
    const answer = await readResponse(inFlight);
    expect(answer.status).toBe(200);
    expect(answer.headers['connection']).toBe('close');
    expect(JSON.parse(answer.body)).toEqual({ data: { customer: null } });

    expect(await exited).toEqual({ code: 0, signal: null });
    // Finished by the leaving process, not left active for another's stall recovery; its link job queued.
    const done = await resolveQueue.getJob(job.id as string);
    expect(await done?.getState()).toBe('completed');
    expect(done?.returnvalue).toEqual({ resolved: 200, unidentifiable: [] });
    expect(await linkQueue.count()).toBeGreaterThan(0);
  }, 180_000);
});

describe('identity-graph on SIGTERM during start-up', () => {
  const prefix = uniqueName('startup');
  let service: ServiceProcess;

  afterAll(async () => {
    await service.stop('SIGKILL');
  });

  it('closes what it opened, exits 0 without waiting for the start to finish, and never listens', async () => {
    const pauseMs = 120_000;
    service = new ServiceProcess('identity-graph', await freePort(), {
      ...testStack(),
      INTERNAL_TOKEN_SECRET: TEST_SECRET,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'info',
      // Holds the start after Neo4j, Redis, the queues and the workers are open, before the server listens.
      TEST_STARTUP_PAUSE_MS: String(pauseMs),
    });
    service.launch();
    await service.waitForOutput('start-up paused', 120_000);
    expect(await refusesConnections(service.port)).toBe(true);

    const signalled = Date.now();
    const exit = await service.stop('SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
    // It did not sit out the pause, so it could not have gone on to listen after it.
    expect(Date.now() - signalled).toBeLessThan(pauseMs);
    expect(await refusesConnections(service.port)).toBe(true);
    const stopped = service.logLines().find((l) => l['msg'] === 'stopped during start-up');
    // Neo4j, Redis, the queues, two workers and the GraphQL server at least.
    expect(stopped?.['closed']).toBeGreaterThanOrEqual(5);
    expect(service.logLines().some((l) => String(l['msg']).includes('ready'))).toBe(false);
    expect(service.tail()).not.toContain('failed to start');
  }, 180_000);
});
