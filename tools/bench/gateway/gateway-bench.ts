// npm run bench:gateway: latency and throughput of a customer-360 query through the gateway, and of
// the same data fetched from the subgraphs directly (one identity lookup, then the four entity
// fetches in parallel, as the gateway's query plan does), at the same offered rate in the same run.
// Every service runs as its own process against the local stack; the CPU each spends per request
// is printed for both paths (read from /proc where there is one). Both paths are warmed, then run
// in BENCH_ROUNDS rounds of one phase each, the order alternating (rounds.ts says why); figures are
// given per order and pooled, and the last line's ratio is the median of the rounds' p99 ratios.
// Env: BENCH_RPS (100), BENCH_SECONDS (15, per phase), BENCH_ROUNDS (4), BENCH_WARMUP_SECONDS (3),
// BENCH_NODE_OPTIONS (unset).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { INTERNAL_HEADER, InternalTokenSigner, signAccessToken, type Caller } from '@c360/auth';
import { composeSupergraph, SUBGRAPHS, type SubgraphName } from '@c360/supergraph';
import { dropDatabase, freePort, ServiceProcess, testStack, uniqueName, waitFor } from '@c360/testing';
import { Agent, request } from 'undici';
import { CUSTOMER_360_QUERY } from './customer-360.query';
import { offerLoad } from './load';
import { cpuPerRequest, cpuSnapshot } from './process-cpu';
import { median, roundRatios, runRounds, summarise, type PathName, type PathSummary, type PhaseResult } from './rounds';

const RPS = Number(process.env['BENCH_RPS'] ?? 100);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 15);
const WARMUP = Number(process.env['BENCH_WARMUP_SECONDS'] ?? 3);
const ROUNDS = Math.max(2, Number(process.env['BENCH_ROUNDS'] ?? 4));
const INTERNAL_SECRET = randomBytes(32).toString('hex');
const ACCESS = { secret: randomBytes(32).toString('hex'), issuer: 'c360-bench', audience: 'c360' };
const CALLER: Caller = { subject: 'bench', roles: ['service'], scopes: [] };
// Extra NODE_OPTIONS for every service process, e.g. `--import <a module starting a CPU profile>`.
const SERVICE_NODE_OPTIONS = process.env['BENCH_NODE_OPTIONS'];

const entities = (selection: string) => `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { ${selection} } } }`;
const DIRECT: [SubgraphName, string][] = [
  ['touchpoint-store', entities('journey(first: 10) { totalCount edges { node { messageId channel occurredAt } } }')],
  ['insights', entities('engagement { touchCount lastChannel }')],
  ['governance', entities('consents { purpose status }')],
  ['generation', entities('greeting { text provider }')],
];

// One keep-alive pool per server for the whole run: the load generator shares the machine with
// what it measures, so it should spend as little CPU per request as it can.
// Bounded like the gateway's own pools, so neither path pays for new connections under a burst.
const clients = new Agent({ keepAliveTimeout: 30_000, connections: 32 });

async function post(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<{ data?: Record<string, unknown>; errors?: unknown }> {
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    dispatcher: clients,
  });
  const body = await res.body.text();
  if (res.statusCode >= 300) throw new Error(`HTTP ${res.statusCode}`);
  return JSON.parse(body) as { data?: Record<string, unknown>; errors?: unknown };
}

async function startSystem(databases: string[], queuePrefix: string) {
  const common = {
    ...testStack(),
    QUEUE_PREFIX: queuePrefix,
    INTERNAL_TOKEN_SECRET: INTERNAL_SECRET,
    ACCESS_TOKEN_SECRET: ACCESS.secret,
    ACCESS_TOKEN_ISSUER: ACCESS.issuer,
    ACCESS_TOKEN_AUDIENCE: ACCESS.audience,
    SUPPRESSION_SECRET: randomBytes(32).toString('hex'),
    WEBHOOK_SECRET_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    AUDIT_ANCHOR_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    ...(SERVICE_NODE_OPTIONS ? { NODE_OPTIONS: SERVICE_NODE_OPTIONS } : {}),
  };
  const subgraphs = new Map<SubgraphName, ServiceProcess>();
  const ports = new Map<SubgraphName, number>();
  for (const { name } of SUBGRAPHS) ports.set(name, await freePort());
  const portOf = (name: SubgraphName) => ports.get(name) ?? NaN;
  const consent = {
    CONSENT_SERVICE_URL: `http://127.0.0.1:${ports.get('governance')}`,
    IDENTITY_GRAPH_URL: `http://127.0.0.1:${ports.get('identity-graph')}/graphql`,
    TOUCHPOINT_STORE_URL: `http://127.0.0.1:${ports.get('touchpoint-store')}/graphql`,
  };
  for (const { name } of SUBGRAPHS) {
    const db = uniqueName(`c360_bench_${name.replace(/-/g, '_')}`);
    databases.push(db);
    // governance's audit checkpoints: a database of their own, dropped with the others.
    const anchors: Record<string, string> = name === 'governance' ? { AUDIT_ANCHOR_DB: `${db}_anchors` } : {};
    if (name === 'governance') databases.push(`${db}_anchors`);
    subgraphs.set(name, new ServiceProcess(name, portOf(name), { ...common, ...consent, ...anchors, MONGODB_DB: db }));
  }
  await Promise.all([...subgraphs.values()].map((s) => s.start(90_000)));
  const urls = Object.fromEntries([...subgraphs].map(([name, s]) => [name, `${s.url}/graphql`])) as Record<SubgraphName, string>;
  const composed = composeSupergraph(urls);
  if ('errors' in composed) throw new Error(composed.errors.join('; '));
  const supergraphPath = path.join(mkdtempSync(path.join(tmpdir(), 'c360-bench-')), 'supergraph.graphql');
  writeFileSync(supergraphPath, composed.supergraphSdl);
  const gateway = new ServiceProcess('gateway', await freePort(), {
    ...common,
    ...Object.fromEntries(SUBGRAPHS.map((s) => [s.urlEnv, urls[s.name]])),
    SUPERGRAPH_PATH: supergraphPath,
    // The bench measures routing, not the limiter: one client sends every request.
    RATE_LIMIT_REQUESTS: String(RPS * (SECONDS * ROUNDS + WARMUP) * 4),
  });
  await gateway.start(90_000);
  return { subgraphs, urls, gateway };
}

async function seedCustomer(system: Awaited<ReturnType<typeof startSystem>>, token: string): Promise<string> {
  const tag = uniqueName('bench');
  const email = `${tag}@example.com`;
  const batch = [
    {
      messageId: `${tag}-1`,
      type: 'identify',
      channel: 'web',
      occurredAt: '2026-10-01T09:00:00Z',
      identifiers: { email, anonymousId: `a-${tag}` },
      properties: {},
    },
    {
      messageId: `${tag}-2`,
      type: 'contact',
      channel: 'call_center',
      occurredAt: '2026-10-02T09:00:00Z',
      identifiers: { email, crmId: `CRM-${tag}` },
      properties: {},
    },
  ];
  const store = system.subgraphs.get('touchpoint-store');
  if (!store) throw new Error('touchpoint-store is not running');
  const res = await fetch(`${store.url}/v1/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(batch),
  });
  if (!res.ok) throw new Error(`seeding failed: HTTP ${res.status}`);
  return waitFor(
    async () => {
      const body = await post(
        `${system.gateway.url}/graphql`,
        `query ($e: String!) { customerByIdentifier(type: EMAIL, value: $e) { id journey { totalCount } greeting { text } } }`,
        { e: email },
        { authorization: `Bearer ${token}` },
      );
      const c = body.data?.['customerByIdentifier'] as { id: string; journey: { totalCount: number }; greeting: unknown } | null;
      return c && c.journey.totalCount === 2 && c.greeting ? c.id : undefined;
    },
    60_000,
    'the seeded customer in every subgraph',
  );
}

function line(label: string, r: PathSummary, width = 22): string {
  return `${label.padEnd(width)} requests=${r.requests} errors=${r.errors} p50_ms=${r.p50.toFixed(2)} p99_ms=${r.p99.toFixed(2)} rps=${r.rps.toFixed(1)}`;
}

/** Each order on its own, then both pooled, then the median ratio as the last line. */
function report(phases: PhaseResult[]): void {
  const of = (path: PathName, first?: boolean) => summarise(phases.filter((p) => p.path === path && (first === undefined || p.first === first)));
  for (const [order, directFirst] of [
    ['direct first', true],
    ['gateway first', false],
  ] as const) {
    const d = of('direct', directFirst);
    const g = of('gateway', !directFirst);
    console.log(`${order}: ${line('direct', d, 8)}`);
    console.log(`${order}: ${line('gateway', g, 8)} ratio_p99=${(g.p99 / d.p99).toFixed(2)}`);
  }
  const d = of('direct');
  const g = of('gateway');
  console.log(line('direct (all rounds)', d));
  console.log(line('gateway (all rounds)', g));
  console.log(`cpu_ms_per_request direct: ${cpuPerRequest(d.cpu, d.requests + d.errors)}`);
  console.log(`cpu_ms_per_request gateway: ${cpuPerRequest(g.cpu, g.requests + g.errors)}`);
  const ratios = roundRatios(phases);
  console.log(`ratio_p99 per round (even rounds direct first): ${ratios.map((r) => r.toFixed(2)).join(' ')}`);
  console.log(`gateway_p50_ms=${g.p50.toFixed(2)} direct_p50_ms=${d.p50.toFixed(2)}`);
  console.log(`gateway_p99_ms=${g.p99.toFixed(2)} direct_p99_ms=${d.p99.toFixed(2)} rps=${g.rps.toFixed(1)} ratio=${median(ratios).toFixed(2)}`);
}

async function main(): Promise<void> {
  const databases: string[] = [];
  const system = await startSystem(databases, uniqueName('bench'));
  try {
    const token = await signAccessToken(CALLER, ACCESS, '1h');
    const id = await seedCustomer(system, token);
    const viaGateway = async () => {
      const body = await post(`${system.gateway.url}/graphql`, CUSTOMER_360_QUERY, { id }, { authorization: `Bearer ${token}` });
      return !body.errors && Boolean(body.data?.['customer']);
    };
    // Signed as the gateway signs: one token per caller, handed out again while it is young.
    const signer = new InternalTokenSigner(INTERNAL_SECRET);
    const direct = async () => {
      const identity = await post(
        system.urls['identity-graph'],
        `query ($id: ID!) { customer(id: $id) { id version identifiers { type value } } }`,
        { id },
        { [INTERNAL_HEADER]: await signer.sign(CALLER) },
      );
      const customer = identity.data?.['customer'] as { id: string } | null;
      if (identity.errors || !customer) return false;
      const parts = await Promise.all(
        DIRECT.map(async ([name, query]) =>
          post(system.urls[name], query, { r: [{ __typename: 'Customer', id: customer.id }] }, { [INTERNAL_HEADER]: await signer.sign(CALLER) }),
        ),
      );
      return parts.every((p) => !p.errors && Array.isArray(p.data?.['_entities']));
    };
    console.log(
      `offered ${RPS} req/s for ${SECONDS} s per phase, ${ROUNDS} rounds alternating the order (after ${WARMUP} s warm-up of each), one customer-360 query per request`,
    );
    await offerLoad(RPS, WARMUP, direct);
    await offerLoad(RPS, WARMUP, viaGateway);
    // CPU of the services this bench started (not of the shared Neo4j, MongoDB and Redis).
    const pids = new Map([['gateway', system.gateway.pid], ...[...system.subgraphs].map(([name, s]) => [name, s.pid] as const)]);
    const phases = await runRounds({ rounds: ROUNDS, seconds: SECONDS, rps: RPS, paths: { direct, gateway: viaGateway }, snapshot: () => cpuSnapshot(pids) });
    report(phases);
  } finally {
    await clients.close();
    await Promise.all([system.gateway, ...system.subgraphs.values()].map((s) => s.stop()));
    await Promise.all(databases.map((db) => dropDatabase(testStack().MONGODB_URI, db).catch(() => undefined)));
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
