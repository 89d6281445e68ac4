// npm run drill:deploy: a rolling update of every subgraph under steady load through the gateway.
// Every service runs as its own process behind a stable address (service-endpoint.ts); the load
// (drill-operations.ts: customer-360 reads, lookups by email, ingests that go through every worker)
// is offered at DRILL_RPS. Each subgraph in turn is replaced (rolling-update.ts): new process, ready,
// routed to, old one SIGTERMed and drained. identity-graph's new process is a new build with one more
// field; once it serves, the change goes through schema:publish's code path into the registry the
// gateway polls, and reads of the new field join the mix as soon as the gateway answers them.
// At the end every touchpoint the load sent must be in its customer's journey and no job may have
// failed. Last line: requests=<n> errors=<e> p99_ms=<t> replaced=<k> (replacements whose old
// process exited 0).
// p99 is given for the steady baseline before the first replacement and for the rollover after it,
// with their ratio (both phases in the same run, so on the same machine).
// Env: DRILL_RPS (50), DRILL_STEADY_SECONDS (10, before, between and after replacements),
// DRILL_DRAIN_MS (2000, the services' SHUTDOWN_DRAIN_MS), DRILL_POLL_MS (1000, the gateway's
// SUPERGRAPH_POLL_MS), DRILL_CUSTOMERS (20), DRILL_TIMEOUT_MS (30000: a slower answer is an error).
/* eslint-disable @nx/enforce-module-boundaries -- the drill drives the schema registry's publication code (and the gateway bench's percentile) directly; it is part of no app or lib. */
import { cpus, loadavg } from 'node:os';
import { rmSync } from 'node:fs';
import { SUBGRAPHS, type SubgraphName } from '@c360/supergraph';
import { testStack, uniqueName, waitFor } from '@c360/testing';
import { Redis } from 'ioredis';
// The gateway bench's percentile, shared across the tools' project boundary rather than written twice.
import { percentile } from '../bench/gateway/load';
import { applySchemaChange } from '../schema/schema-publication';
import { DrillSystem, repoRoot } from './drill-system';
import { SteadyLoad } from './drill-load';
import { ADDED_FIELD_QUERY, addedFieldRead, BY_EMAIL, RECORD, steadyMix, type DrillCustomer } from './drill-operations';
import { ADDED_FIELD, buildNextVersion } from './next-version';
import { replaceProcess, type Replacement } from './rolling-update';

const RPS = Number(process.env['DRILL_RPS'] ?? 50);
const STEADY_SECONDS = Number(process.env['DRILL_STEADY_SECONDS'] ?? 10);
const DRAIN_MS = Number(process.env['DRILL_DRAIN_MS'] ?? 2000);
const POLL_MS = Number(process.env['DRILL_POLL_MS'] ?? 1000);
const CUSTOMERS = Number(process.env['DRILL_CUSTOMERS'] ?? 20);
const TIMEOUT_MS = Number(process.env['DRILL_TIMEOUT_MS'] ?? 30_000);
/** The subgraph whose new version adds a field. */
const CHANGED: SubgraphName = 'identity-graph';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const say = (line: string) => process.stdout.write(`${line}\n`);
const load3 = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function gatewayCall(system: DrillSystem, token: string, query: string, variables: Record<string, unknown>) {
  const res = await fetch(`${system.gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: Record<string, unknown> | null; errors?: { message: string }[] };
}

/** Customers with two touchpoints each, ready once every subgraph knows them (journey and greeting). */
async function seed(system: DrillSystem, token: string, run: string): Promise<DrillCustomer[]> {
  const emails = Array.from({ length: CUSTOMERS }, (_, i) => `${run}-c${i}@example.com`);
  const input = emails.flatMap((email, i) => [
    {
      messageId: `${run}-seed-${i}-a`,
      type: 'identify',
      channel: 'WEB',
      occurredAt: '2026-10-01T09:00:00Z',
      identifiers: { email, anonymousId: `${run}-a${i}` },
    },
    {
      messageId: `${run}-seed-${i}-b`,
      type: 'contact',
      channel: 'CALL_CENTER',
      occurredAt: '2026-10-02T09:00:00Z',
      identifiers: { email, crmId: `${run}-crm${i}` },
    },
  ]);
  const recorded = await gatewayCall(system, token, RECORD, { input });
  if (recorded.errors?.length) throw new Error(`seeding refused: ${recorded.errors[0]?.message}`);
  const customers: DrillCustomer[] = [];
  for (const email of emails) {
    const id = await waitFor(
      async () => {
        const body = await gatewayCall(system, token, BY_EMAIL, { email });
        const c = body.data?.['customerByIdentifier'] as { id: string; journey: { totalCount: number }; greeting: unknown } | null;
        return c && c.journey.totalCount === 2 && c.greeting ? c.id : undefined;
      },
      180_000,
      'a seeded customer in every subgraph',
    );
    customers.push({ id, email, added: 0 });
  }
  return customers;
}

/** Publishes the changed subgraph's SDL and waits until the gateway answers a read of the new field. */
async function publishAddition(system: DrillSystem, token: string, customer: DrillCustomer, sdls: ReturnType<typeof buildNextVersion>['sdls']) {
  const outcome = applySchemaChange({ repoRoot, registryRoot: system.registryRoot, changed: [CHANGED], sdls, publishedFor: CHANGED }, 'publish');
  for (const m of outcome.messages) say(`  schema:publish ${m}`);
  if (!outcome.ok || !outcome.published) throw new Error('the additive change did not publish');
  const published = performance.now();
  await waitFor(async () => !(await gatewayCall(system, token, ADDED_FIELD_QUERY, { id: customer.id })).errors, 60_000, 'the gateway to serve the new field');
  return { version: outcome.published.version, pickupMs: performance.now() - published };
}

/** Every touchpoint sent is in its customer's journey (nothing lost in a drain), within a bounded wait. */
async function journeysComplete(system: DrillSystem, token: string, customers: DrillCustomer[]) {
  const expected = customers.reduce((n, c) => n + 2 + c.added, 0);
  let found = 0;
  await waitFor(
    async () => {
      found = 0;
      for (const c of customers) {
        const body = await gatewayCall(system, token, BY_EMAIL, { email: c.email });
        found += (body.data?.['customerByIdentifier'] as { journey: { totalCount: number } } | null)?.journey.totalCount ?? 0;
      }
      return found === expected;
    },
    120_000,
    'every touchpoint in its journey',
  ).catch(() => undefined);
  return { expected, found };
}

/** Jobs that failed for good, per queue of the drill's prefix. */
async function failedJobs(prefix: string): Promise<Record<string, number>> {
  const redis = new Redis(testStack().REDIS_URL);
  try {
    const failed: Record<string, number> = {};
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*:failed`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) {
        const count = await redis.zcard(key);
        if (count > 0) failed[key.slice(prefix.length + 1, -':failed'.length)] = count;
      }
    } while (cursor !== '0');
    return failed;
  } finally {
    redis.disconnect();
  }
}

async function main(): Promise<void> {
  const run = uniqueName('drill');
  const loadBefore = load3();
  say(
    `deploy drill: ${RPS} req/s through the gateway, ${STEADY_SECONDS} s steady around each replacement, drain ${DRAIN_MS} ms, supergraph poll ${POLL_MS} ms`,
  );
  const next = buildNextVersion(CHANGED);
  say(`built ${CHANGED}'s next version with Customer.${ADDED_FIELD}`);
  const system = new DrillSystem({ drainMs: DRAIN_MS, pollMs: POLL_MS });
  let load: SteadyLoad | undefined;
  try {
    await system.start();
    const token = await system.accessToken();
    const customers = await seed(system, token, run);
    say(`every service up, ${customers.length} customers seeded; load starts`);
    load = new SteadyLoad(`${system.gateway.url}/graphql`, token, RPS, TIMEOUT_MS, steadyMix(customers, run));
    const started = performance.now();
    load.start();
    await sleep(STEADY_SECONDS * 1000);
    load.enter('rollover');
    const replacements: Replacement[] = [];
    let pickup: { version: number; pickupMs: number } | undefined;
    for (const { name } of SUBGRAPHS) {
      const replacement = await replaceProcess(system.slot(name), name === CHANGED ? next.bundle : undefined);
      replacements.push(replacement);
      say(
        `replaced ${name}${name === CHANGED ? ' (new build)' : ''}: new ready in ${replacement.readyMs.toFixed(0)} ms` +
          `${replacement.failedStarts ? ` (after ${replacement.failedStarts} failed start(s))` : ''}, ` +
          `old drained and exited ${JSON.stringify(replacement.exit)} in ${replacement.drainMs.toFixed(0)} ms; errors so far ${load.figures.errors}`,
      );
      if (name === CHANGED) {
        pickup = await publishAddition(system, token, customers[0] as DrillCustomer, next.sdls);
        load.add(addedFieldRead(customers));
        say(
          `gateway serves Customer.${ADDED_FIELD} (published v${pickup.version}) ${pickup.pickupMs.toFixed(0)} ms after the publish; its reads join the load`,
        );
      }
      await sleep(STEADY_SECONDS * 1000);
    }
    const seconds = (performance.now() - started) / 1000;
    const figures = await load.stop();
    const journeys = await journeysComplete(system, token, customers);
    const failed = await failedJobs(system.queuePrefix);
    say(
      `load: ${figures.requests} requests offered over ${seconds.toFixed(0)} s (${(figures.requests / seconds).toFixed(1)} req/s); ${[...figures.sent].map(([n, c]) => `${n} ${c}`).join(', ')}`,
    );
    for (const [failure, count] of figures.failures) say(`  failed ${count}x ${failure}`);
    say(
      `p50_ms=${percentile(figures.latenciesMs, 50).toFixed(1)} p99_ms=${percentile(figures.latenciesMs, 99).toFixed(1)} max_ms=${Math.max(...figures.latenciesMs).toFixed(1)}`,
    );
    for (const phase of ['baseline', 'rollover']) {
      const answered = figures.byPhase.get(phase) ?? [];
      say(`${phase}: answered=${answered.length} errors=${figures.errorsByPhase.get(phase) ?? 0} p99_ms=${percentile(answered, 99).toFixed(1)}`);
    }
    const baselineP99 = percentile(figures.byPhase.get('baseline') ?? [], 99);
    say(`p99 ratio rollover/baseline=${(percentile(figures.byPhase.get('rollover') ?? [], 99) / baselineP99).toFixed(2)}`);
    say(`pipeline: touchpoints in journeys ${journeys.found} of ${journeys.expected}; jobs failed for good: ${JSON.stringify(failed)}`);
    say(`machine: ${cpus().length} cores, load average ${loadBefore} at start, ${load3()} at end`);
    const replaced = replacements.filter((r) => r.exit?.code === 0).length;
    say(`requests=${figures.requests} errors=${figures.errors} p99_ms=${percentile(figures.latenciesMs, 99).toFixed(1)} replaced=${replaced}`);
  } finally {
    if (load) await load.stop().catch(() => undefined);
    await system.stop();
    rmSync(system.registryRoot, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`drill:deploy failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
