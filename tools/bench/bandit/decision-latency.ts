import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { INTERNAL_HEADER, InternalTokenSigner, signAccessToken, type Caller } from '@c360/auth';
import { composeSupergraph, SUBGRAPHS, type SubgraphName } from '@c360/supergraph';
import { dropDatabase, freePort, ServiceProcess, testStack, uniqueName } from '@c360/testing';
import { Agent, request } from 'undici';
// The gateway benchmark's load generator and rounds, so both benchmarks offer load the same way; nothing deployed imports tools/.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { offerLoad } from '../gateway/load';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { runRounds, summarise, type PhaseResult } from '../gateway/rounds';

const INTERNAL_SECRET = randomBytes(32).toString('hex');
const ACCESS = { secret: randomBytes(32).toString('hex'), issuer: 'c360-bench', audience: 'c360' };
// A service calling for decisions, and a marketer defining the catalogue: one token with both roles.
const CALLER: Caller = { subject: 'bench-bandit', roles: ['service', 'marketer'], scopes: [] };
const clients = new Agent({ keepAliveTimeout: 30_000, connections: 32 });

const DECIDE = `mutation ($c: ID!) { decideNextBestAction(customerId: $c, placement: "home", context: [{ key: "device", text: "mobile" }]) { reason decision { id channel probability holdout action { id } } } }`;

async function post(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    dispatcher: clients,
  });
  const body = await res.body.text();
  if (res.statusCode >= 300) throw new Error(`HTTP ${res.statusCode}: ${body.slice(0, 200)}`);
  return JSON.parse(body) as { data?: Record<string, unknown>; errors?: { message: string }[] };
}

/** Every subgraph and the gateway as processes against the local stack, each on its own database, as bench:gateway starts them. */
async function startSystem(databases: string[]) {
  const common = {
    ...testStack(),
    QUEUE_PREFIX: uniqueName('bench'),
    INTERNAL_TOKEN_SECRET: INTERNAL_SECRET,
    ACCESS_TOKEN_SECRET: ACCESS.secret,
    ACCESS_TOKEN_ISSUER: ACCESS.issuer,
    ACCESS_TOKEN_AUDIENCE: ACCESS.audience,
    SUPPRESSION_SECRET: randomBytes(32).toString('hex'),
    WEBHOOK_SECRET_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    AUDIT_ANCHOR_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    RATE_LIMIT_REQUESTS: '1000000',
  };
  const ports = new Map<SubgraphName, number>();
  for (const { name } of SUBGRAPHS) ports.set(name, await freePort());
  const links = {
    CONSENT_SERVICE_URL: `http://127.0.0.1:${ports.get('governance')}`,
    IDENTITY_GRAPH_URL: `http://127.0.0.1:${ports.get('identity-graph')}/graphql`,
  };
  const subgraphs = new Map<SubgraphName, ServiceProcess>();
  for (const { name } of SUBGRAPHS) {
    const db = uniqueName(`c360_bench_${name.replace(/-/g, '_')}`);
    databases.push(db);
    const anchors: Record<string, string> = name === 'governance' ? { AUDIT_ANCHOR_DB: `${db}_anchors` } : {};
    if (name === 'governance') databases.push(`${db}_anchors`);
    subgraphs.set(name, new ServiceProcess(name, ports.get(name) ?? 0, { ...common, ...links, ...anchors, MONGODB_DB: db }));
  }
  await Promise.all([...subgraphs.values()].map((s) => s.start(120_000)));
  const urls = Object.fromEntries([...subgraphs].map(([name, s]) => [name, `${s.url}/graphql`])) as Record<SubgraphName, string>;
  const composed = composeSupergraph(urls);
  if ('errors' in composed) throw new Error(composed.errors.join('; '));
  const supergraphPath = path.join(mkdtempSync(path.join(tmpdir(), 'c360-bench-')), 'supergraph.graphql');
  writeFileSync(supergraphPath, composed.supergraphSdl);
  const gateway = new ServiceProcess('gateway', await freePort(), {
    ...common,
    ...Object.fromEntries(SUBGRAPHS.map((s) => [s.urlEnv, urls[s.name]])),
    SUPERGRAPH_PATH: supergraphPath,
  });
  await gateway.start(120_000);
  return { subgraphs, urls, gateway };
}

/** A catalogue of four actions on two channels, and customers who granted marketing on both. */
async function seed(gatewayUrl: string, token: string, customers: number): Promise<string[]> {
  const auth = { authorization: `Bearer ${token}` };
  for (let a = 1; a <= 4; a++) {
    const res = await post(
      gatewayUrl,
      `mutation ($i: ActionInput!) { defineAction(input: $i) { id } }`,
      {
        i: { id: `bench-offer-${a}`, kind: 'OFFER', name: `Offer ${a}`, channels: ['EMAIL', 'APP'], eligibility: a === 4 ? 'context.device == "mobile"' : '' },
      },
      auth,
    );
    if (res.errors) throw new Error(`defineAction: ${JSON.stringify(res.errors)}`);
  }
  const ids = Array.from({ length: customers }, () => uniqueName('bench-customer'));
  for (const customerId of ids) {
    for (const channel of ['EMAIL', 'APP']) {
      const res = await post(
        gatewayUrl,
        `mutation ($i: RecordConsentInput!) { recordConsent(input: $i) { status } }`,
        { i: { customerId, purpose: 'MARKETING', channel, status: 'GRANTED', source: 'bench' } },
        auth,
      );
      if (res.errors) throw new Error(`recordConsent: ${JSON.stringify(res.errors)}`);
    }
  }
  return ids;
}

export interface LatencyResult {
  gateway: ReturnType<typeof summarise>;
  direct: ReturnType<typeof summarise>;
  decided: number;
  failures: string[];
}

/**
 * decideNextBestAction at `rps` through the gateway, and straight to insights with the internal
 * token the gateway would sign, in alternating rounds after a warm-up of each (rounds.ts says why).
 */
export async function measureDecisionLatency(rps: number, seconds: number, rounds: number): Promise<LatencyResult> {
  const databases: string[] = [];
  const system = await startSystem(databases);
  try {
    const token = await signAccessToken(CALLER, ACCESS, '1h');
    const gatewayUrl = `${system.gateway.url}/graphql`;
    const customers = await seed(gatewayUrl, token, 50);
    const signer = new InternalTokenSigner(INTERNAL_SECRET);
    let decided = 0;
    let i = 0;
    const failures = new Map<string, number>();
    const call = (url: string, headers: () => Promise<Record<string, string>>) => async () => {
      try {
        const body = await post(url, DECIDE, { c: customers[i++ % customers.length] }, await headers());
        const answer = body.data?.['decideNextBestAction'] as { decision: unknown } | undefined;
        if (answer?.decision) decided++;
        if (body.errors) failures.set(body.errors[0]?.message ?? 'error', (failures.get(body.errors[0]?.message ?? 'error') ?? 0) + 1);
        return !body.errors && Boolean(answer);
      } catch (err) {
        const reason = err instanceof Error ? err.message.slice(0, 120) : String(err);
        failures.set(reason, (failures.get(reason) ?? 0) + 1);
        return false;
      }
    };
    const paths = {
      gateway: call(gatewayUrl, async () => ({ authorization: `Bearer ${token}` })),
      direct: call(system.urls.insights, async () => ({ [INTERNAL_HEADER]: await signer.sign(CALLER) })),
    };
    await offerLoad(rps, 3, paths.direct);
    await offerLoad(rps, 3, paths.gateway);
    const phases: PhaseResult[] = await runRounds({ rounds, seconds, rps, paths, snapshot: () => new Map() });
    return {
      gateway: summarise(phases.filter((p) => p.path === 'gateway')),
      direct: summarise(phases.filter((p) => p.path === 'direct')),
      decided,
      failures: [...failures].map(([reason, count]) => `${count}x ${reason}`),
    };
  } finally {
    await clients.close();
    await Promise.all([system.gateway, ...system.subgraphs.values()].map((s) => s.stop()));
    await Promise.all(databases.map((db) => dropDatabase(testStack().MONGODB_URI, db).catch(() => undefined)));
  }
}
