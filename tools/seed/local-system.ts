import { randomBytes } from 'node:crypto';
import { signAccessToken } from '@c360/auth';
import { SUBGRAPHS, type SubgraphName } from '@c360/supergraph';
import { dropDatabase, freePort, ServiceProcess, testStack, uniqueName } from '@c360/testing';

/**
 * Every subgraph service as its own process against the local stack, each with its own database and
 * one queue prefix, as `npm start` runs them (no gateway: callers use the batch API and the subgraphs
 * with internal tokens). For the traits import test and the insights benchmark.
 */
export class LocalSystem {
  readonly processes = new Map<SubgraphName, ServiceProcess>();
  readonly databases = new Map<SubgraphName, string>();
  readonly queuePrefix = uniqueName('sys');
  readonly secrets = {
    INTERNAL_TOKEN_SECRET: randomBytes(32).toString('hex'),
    ACCESS_TOKEN_SECRET: randomBytes(32).toString('hex'),
    SUPPRESSION_SECRET: randomBytes(32).toString('hex'),
    AUDIT_ANCHOR_KEY: randomBytes(32).toString('hex'),
    WEBHOOK_SECRET_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  };

  constructor(private readonly env: Record<string, string> = {}) {}

  async start(only: readonly SubgraphName[] = SUBGRAPHS.map((s) => s.name)): Promise<void> {
    const ports = new Map<SubgraphName, number>();
    for (const { name } of SUBGRAPHS) ports.set(name, await freePort());
    const peers = {
      IDENTITY_GRAPH_URL: `http://127.0.0.1:${ports.get('identity-graph')}/graphql`,
      TOUCHPOINT_STORE_URL: `http://127.0.0.1:${ports.get('touchpoint-store')}/graphql`,
      CONSENT_SERVICE_URL: `http://127.0.0.1:${ports.get('governance')}`,
    };
    for (const name of only) {
      const db = uniqueName(`c360_sys_${name.replace(/-/g, '_')}`);
      this.databases.set(name, db);
      const env = {
        ...testStack(),
        ...this.secrets,
        ...peers,
        QUEUE_PREFIX: this.queuePrefix,
        MONGODB_DB: db,
        AUDIT_ANCHOR_DB: `${db}_anchors`,
        LOG_LEVEL: 'warn',
        ...this.env,
      };
      this.processes.set(name, new ServiceProcess(name, ports.get(name) as number, env));
    }
    await Promise.all([...this.processes.values()].map((p) => p.start(120_000)));
  }

  url(name: SubgraphName): string {
    const p = this.processes.get(name);
    if (!p) throw new Error(`${name} is not running`);
    return p.url;
  }

  /** A token the batch API accepts. */
  accessToken(): Promise<string> {
    return signAccessToken(
      { subject: 'local-system', roles: ['service'], scopes: [] },
      { secret: this.secrets.ACCESS_TOKEN_SECRET, issuer: 'c360-local', audience: 'c360' },
    );
  }

  async stop(): Promise<void> {
    await Promise.all([...this.processes.values()].map((p) => p.stop()));
    const { MONGODB_URI } = testStack();
    for (const db of this.databases.values()) {
      await dropDatabase(MONGODB_URI, db);
      await dropDatabase(MONGODB_URI, `${db}_anchors`);
    }
  }
}
