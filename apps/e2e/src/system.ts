import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signAccessToken, type Caller } from '@c360/auth';
import { EVENT_SUBSCRIBERS, eventQueueName, QUEUES, type EventName } from '@c360/contracts';
import { createRedisConnection } from '@c360/service-kit';
import { dropDatabase, freePort, ServiceProcess, TEST_SECRET, testStack, uniqueName, waitFor } from '@c360/testing';
import { Queue, type JobType } from 'bullmq';
import { composeSupergraph, SUBGRAPHS, type SubgraphName } from '@c360/supergraph';

export const SUPPRESSION_SECRET = 'e2e-suppression-secret-at-least-32-chars';
/** governance's own: the e2e partner's webhook receiver is a local http server on 127.0.0.1. */
const GOVERNANCE_ENV = {
  WEBHOOK_SECRET_ENCRYPTION_KEY: Buffer.alloc(32, 'e2e-webhook-secret-key').toString('base64'),
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
  AUDIT_ANCHOR_KEY: 'e2e-audit-anchor-key-at-least-32-chars',
};
export const ACCESS = { secret: 'e2e-access-token-secret-at-least-32-chars', issuer: 'c360-e2e', audience: 'c360' };

/**
 * The whole system as separate processes on free ports, against the real stack, with databases and
 * queues of its own so it can run beside other tests.
 */
export class System {
  readonly subgraphs = new Map<SubgraphName, ServiceProcess>();
  gateway!: ServiceProcess;
  private readonly databases: string[] = [];
  /** Each service's MongoDB database, for tests that look inside (erasure). */
  readonly databaseOf = new Map<SubgraphName, string>();
  readonly queuePrefix: string;
  readonly redisUrl: string;

  /** `env`: settings every process gets, as a deployment sets them once for all services (REDIS_URL and QUEUE_PREFIX included). */
  constructor(private readonly env: Record<string, string> = {}) {
    this.queuePrefix = env['QUEUE_PREFIX'] ?? uniqueName('e2e');
    this.redisUrl = env['REDIS_URL'] ?? testStack().REDIS_URL;
  }

  async start(): Promise<void> {
    const stack = testStack();
    const common = {
      ...stack,
      REDIS_URL: this.redisUrl,
      QUEUE_PREFIX: this.queuePrefix,
      INTERNAL_TOKEN_SECRET: TEST_SECRET,
      ACCESS_TOKEN_SECRET: ACCESS.secret,
      ACCESS_TOKEN_ISSUER: ACCESS.issuer,
      ACCESS_TOKEN_AUDIENCE: ACCESS.audience,
      SUPPRESSION_SECRET: SUPPRESSION_SECRET,
      LOG_LEVEL: 'warn',
      ...this.env,
    };
    const ports = new Map<SubgraphName, number>();
    for (const { name } of SUBGRAPHS) ports.set(name, await freePort());
    // Services that call each other directly: governance asks identity-graph, consent clients ask governance,
    // insights asks touchpoint-store for the text it scores and reads journeys there.
    const peers = {
      IDENTITY_GRAPH_URL: `http://127.0.0.1:${ports.get('identity-graph')}/graphql`,
      TOUCHPOINT_STORE_URL: `http://127.0.0.1:${ports.get('touchpoint-store')}/graphql`,
      CONSENT_SERVICE_URL: `http://127.0.0.1:${ports.get('governance')}`,
      // generation's assistant records chat turns in touchpoint-store (above) and customer requests in governance.
      GOVERNANCE_URL: `http://127.0.0.1:${ports.get('governance')}/graphql`,
      // generation grounds drafts on insights' predictions and segment too.
      INSIGHTS_URL: `http://127.0.0.1:${ports.get('insights')}/graphql`,
    };
    for (const { name } of SUBGRAPHS) {
      const db = uniqueName(`c360_e2e_${name.replace(/-/g, '_')}`);
      this.databases.push(db);
      this.databaseOf.set(name, db);
      // governance's audit checkpoints get a database of their own, dropped with the others.
      const anchors = name === 'governance' ? { ...GOVERNANCE_ENV, AUDIT_ANCHOR_DB: `${db}_anchors` } : {};
      if (name === 'governance') this.databases.push(`${db}_anchors`);
      this.subgraphs.set(name, new ServiceProcess(name, ports.get(name) as number, { ...common, ...peers, ...anchors, MONGODB_DB: db }));
    }
    await Promise.all([...this.subgraphs.values()].map((s) => s.start()));

    const urls = Object.fromEntries([...this.subgraphs].map(([name, s]) => [name, `${s.url}/graphql`])) as Record<SubgraphName, string>;
    const composed = composeSupergraph(urls);
    if ('errors' in composed) throw new Error(`composition failed: ${composed.errors.join('; ')}`);
    const supergraphPath = path.join(mkdtempSync(path.join(tmpdir(), 'c360-e2e-')), 'supergraph.graphql');
    writeFileSync(supergraphPath, composed.supergraphSdl);
    const urlVars = Object.fromEntries(SUBGRAPHS.map((s) => [s.urlEnv, urls[s.name]]));
    this.gateway = new ServiceProcess('gateway', await freePort(), { ...common, ...urlVars, SUPERGRAPH_PATH: supergraphPath });
    await this.gateway.start();
  }

  async stop(): Promise<void> {
    await Promise.all([this.gateway, ...this.subgraphs.values()].filter(Boolean).map((s) => s.stop()));
    const stack = testStack();
    await Promise.all(this.databases.map((db) => dropDatabase(stack.MONGODB_URI, db)));
  }

  subgraph(name: SubgraphName): ServiceProcess {
    const s = this.subgraphs.get(name);
    if (!s) throw new Error(`no subgraph ${name}`);
    return s;
  }

  logs(): string {
    return [this.gateway, ...this.subgraphs.values()]
      .filter(Boolean)
      .map((s) => `--- ${s.name}\n${s.tail(20)}`)
      .join('\n');
  }
}

export async function tokenFor(caller: Caller): Promise<string> {
  return signAccessToken(caller, ACCESS);
}

export async function gatewayQuery<T>(system: System, query: string, variables: Record<string, unknown>, token: string) {
  const res = await fetch(`${system.gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] } };
}

/** The data of an operation through the gateway; an answer with errors fails the test, with the services' logs. */
export async function gatewayData<T>(system: System, query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const res = await gatewayQuery<T>(system, query, variables, token);
  if (res.body.errors) throw new Error(`${JSON.stringify(res.body.errors)}\n${system.logs()}`);
  return res.body.data as T;
}

export interface FinishedRequest {
  status: string;
  failureReason: string | null;
  receipt: { verified: boolean; services: { service: string; deleted: string }[] } | null;
}

/** Requests the erasure of whoever holds this email, waits for it to finish and for the queues to drain. */
export async function eraseByEmail(system: System, email: string, token: string): Promise<FinishedRequest> {
  const opened = await gatewayData<{ requestErasure: { id: string } }>(
    system,
    `mutation ($e: String!) { requestErasure(input: { identifier: { type: EMAIL, value: $e } }) { id } }`,
    { e: email },
    token,
  );
  const request = `query ($id: ID!) { dataSubjectRequest(id: $id) { status failureReason receipt { verified services { service deleted } } } }`;
  const done = await waitFor(
    async () => {
      const r = (await gatewayData<{ dataSubjectRequest: FinishedRequest }>(system, request, { id: opened.requestErasure.id }, token)).dataSubjectRequest;
      return ['COMPLETED', 'FAILED'].includes(r.status) && r;
    },
    60_000,
    'the erasure to finish',
  );
  await waitForQueuesIdle(system);
  return done;
}

export async function postBatch(system: System, items: unknown[], token: string) {
  const res = await fetch(`${system.subgraph('touchpoint-store').url}/v1/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(items),
  });
  return { status: res.status, body: (await res.json()) as { results: { index: number; status: string; reason?: string }[] } };
}

/** Every queue the system uses, work and event queues alike. */
function allQueueNames(): string[] {
  return [...Object.values(QUEUES), ...Object.entries(EVENT_SUBSCRIBERS).flatMap(([event, subs]) => subs.map((s) => eventQueueName(event as EventName, s)))];
}

/** Resolves once no job is waiting, active or delayed in any of the system's queues; a timeout names the busy queues, why their jobs failed, and the services' logs. */
export async function waitForQueuesIdle(system: System, timeoutMs = 30_000): Promise<void> {
  const connection = createRedisConnection(system.redisUrl);
  const queues = allQueueNames().map((name) => new Queue(name, { connection, prefix: system.queuePrefix }));
  const states: JobType[] = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'];
  try {
    await waitFor(
      async () => {
        const counts = await Promise.all(queues.map((q) => q.getJobCounts(...states)));
        return counts.every((c) => Object.values(c).every((n) => n === 0));
      },
      timeoutMs,
      'queues to drain',
    ).catch(async (err: Error) => {
      throw new Error(`${err.message}\n${await describeBusyQueues(queues, states)}\n${system.logs()}`);
    });
  } finally {
    await Promise.all(queues.map((q) => q.close()));
    await connection.quit();
  }
}

async function describeBusyQueues(queues: Queue[], states: JobType[]): Promise<string> {
  const lines: string[] = [];
  for (const q of queues) {
    const counts = await q.getJobCounts(...states);
    if (Object.values(counts).every((n) => n === 0)) continue;
    lines.push(`busy: ${q.name} ${JSON.stringify(counts)}`);
    for (const job of await q.getJobs(states, 0, 4)) {
      lines.push(`  ${job.name} attempts=${job.attemptsMade} ${job.failedReason ? `failed: ${job.failedReason}` : ''}`);
    }
  }
  return lines.join('\n');
}
