/* eslint-disable @nx/enforce-module-boundaries -- the drill drives the schema registry's publication code (and the gateway bench's percentile) directly; it is part of no app or lib. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signAccessToken } from '@c360/auth';
import { currentSubgraphSdls, SUBGRAPHS, type SubgraphName } from '@c360/supergraph';
import { dropDatabase, freePort, ServiceProcess, testStack, uniqueName } from '@c360/testing';
import { startReady } from './rolling-update';
import { applySchemaChange } from '../schema/schema-publication';
import { DEPLOY_COPY } from '../schema/schema-registry';
import { ServiceEndpoint } from './service-endpoint';

export const repoRoot = path.resolve(__dirname, '../..');

/** One subgraph: its stable address and the process behind it now. */
export interface Slot {
  name: SubgraphName;
  endpoint: ServiceEndpoint;
  process: ServiceProcess;
  env: Record<string, string>;
}

export interface DrillOptions {
  /** SHUTDOWN_DRAIN_MS of every service: how long a terminated process keeps answering before it stops listening. */
  drainMs: number;
  /** SUPERGRAPH_POLL_MS of the gateway. */
  pollMs: number;
}

/**
 * Every subgraph as its own process behind a stable address (ServiceEndpoint), which the gateway and
 * the services' calls to each other use, as they use Service names in a cluster; the gateway reads
 * the published supergraph from a scratch registry, seeded by a first publish of this checkout.
 */
export class DrillSystem {
  readonly slots = new Map<SubgraphName, Slot>();
  readonly queuePrefix = uniqueName('drill');
  readonly registryRoot = mkdtempSync(path.join(tmpdir(), 'c360-drill-registry-'));
  private readonly databases: string[] = [];
  private readonly access = { secret: randomBytes(32).toString('hex'), issuer: 'c360-drill', audience: 'c360' };
  private readonly common: Record<string, string>;
  gateway!: ServiceProcess;

  constructor(private readonly options: DrillOptions) {
    this.common = {
      ...testStack(),
      QUEUE_PREFIX: this.queuePrefix,
      INTERNAL_TOKEN_SECRET: randomBytes(32).toString('hex'),
      ACCESS_TOKEN_SECRET: this.access.secret,
      ACCESS_TOKEN_ISSUER: this.access.issuer,
      ACCESS_TOKEN_AUDIENCE: this.access.audience,
      SUPPRESSION_SECRET: randomBytes(32).toString('hex'),
      WEBHOOK_SECRET_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      AUDIT_ANCHOR_KEY: randomBytes(32).toString('hex'),
      SHUTDOWN_DRAIN_MS: String(options.drainMs),
      LOG_LEVEL: 'warn',
    };
  }

  get supergraphPath(): string {
    return path.join(this.registryRoot, DEPLOY_COPY);
  }

  async start(): Promise<void> {
    const seeded = applySchemaChange(
      { repoRoot, registryRoot: this.registryRoot, changed: SUBGRAPHS.map((s) => s.name), sdls: currentSubgraphSdls(), publishedFor: 'all' },
      'publish',
    );
    if (!seeded.ok) throw new Error(`the checkout does not publish: ${seeded.messages.join('\n')}`);
    // Each address is open before any process starts, since the services call one another through them.
    const endpoints = new Map<SubgraphName, ServiceEndpoint>();
    for (const { name } of SUBGRAPHS) endpoints.set(name, await ServiceEndpoint.open(0));
    const address = (name: SubgraphName) => `http://127.0.0.1:${endpoints.get(name)?.port}`;
    const peers = {
      IDENTITY_GRAPH_URL: `${address('identity-graph')}/graphql`,
      TOUCHPOINT_STORE_URL: `${address('touchpoint-store')}/graphql`,
      CONSENT_SERVICE_URL: address('governance'),
    };
    await Promise.all(
      SUBGRAPHS.map(async ({ name }) => {
        const db = uniqueName(`c360_drill_${name.replace(/-/g, '_')}`);
        this.databases.push(db, `${db}_anchors`);
        const env = { ...this.common, ...peers, MONGODB_DB: db, AUDIT_ANCHOR_DB: `${db}_anchors` };
        const endpoint = endpoints.get(name) as ServiceEndpoint;
        const { process } = await startReady({ name, env });
        endpoint.route(process.port);
        this.slots.set(name, { name, endpoint, process, env });
      }),
    );
    this.gateway = new ServiceProcess('gateway', await freePort(), {
      ...this.common,
      ...Object.fromEntries(SUBGRAPHS.map((s) => [s.urlEnv, `${address(s.name)}/graphql`])),
      SUPERGRAPH_PATH: this.supergraphPath,
      SUPERGRAPH_POLL_MS: String(this.options.pollMs),
      // One client sends every request of the drill: the limiter is not what it measures.
      RATE_LIMIT_REQUESTS: '10000000',
    });
    await this.gateway.start(180_000);
  }

  slot(name: SubgraphName): Slot {
    const slot = this.slots.get(name);
    if (!slot) throw new Error(`no ${name} in the drill`);
    return slot;
  }

  accessToken(): Promise<string> {
    return signAccessToken({ subject: 'deploy-drill', roles: ['service'], scopes: [] }, this.access);
  }

  async stop(): Promise<void> {
    await this.gateway?.stop();
    await Promise.all([...this.slots.values()].map((s) => s.process.stop()));
    await Promise.all([...this.slots.values()].map((s) => s.endpoint.close()));
    for (const db of this.databases) await dropDatabase(testStack().MONGODB_URI, db);
  }
}
