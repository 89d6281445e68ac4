import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { IDENTIFIER_TYPE_BY_ENUM_VALUE } from '@c360/contracts';
import { createLogger, type RunningService } from '@c360/service-kit';
import { dropDatabase, subgraphRequest, SERVICE_CALLER, TEST_SECRET, testStack, uniqueName, type GraphQLResponse } from '@c360/testing';
import { loadConfig, type GovernanceConfig } from '../config';
import { startGovernance, type GovernanceOverrides } from '../service';

export const TEST_SUPPRESSION_SECRET = 'test-suppression-secret-at-least-32-chars';
export const TEST_WEBHOOK_KEY = Buffer.alloc(32, 'governance-test-webhook-key').toString('base64');
export const TEST_AUDIT_ANCHOR_KEY = 'test-audit-anchor-key-at-least-32-chars';
export const COMPLIANCE = { ...SERVICE_CALLER, subject: 'officer-1', roles: ['compliance' as const] };

export interface TestGovernance {
  service: RunningService;
  config: GovernanceConfig;
  request<T>(query: string, variables?: Record<string, unknown>, caller?: typeof COMPLIANCE | null): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

/** governance on its own database and queue prefix, as the integration tests start it. */
export async function startTestGovernance(env: Record<string, string> = {}, overrides: GovernanceOverrides = {}): Promise<TestGovernance> {
  const stack = testStack();
  const db = uniqueName('c360_test_governance');
  const config = loadConfig({
    ...stack,
    MONGODB_DB: db,
    AUDIT_ANCHOR_KEY: TEST_AUDIT_ANCHOR_KEY,
    AUDIT_ANCHOR_DB: `${db}_anchors`,
    QUEUE_PREFIX: uniqueName('t'),
    PORT: '0',
    INTERNAL_TOKEN_SECRET: TEST_SECRET,
    SUPPRESSION_SECRET: TEST_SUPPRESSION_SECRET,
    WEBHOOK_SECRET_ENCRYPTION_KEY: TEST_WEBHOOK_KEY,
    LOG_LEVEL: 'silent',
    RETENTION_CRON: 'off',
    ...env,
  });
  const service = await startGovernance(config, createLogger('governance-test', 'silent'), overrides);
  return {
    service,
    config,
    request: (query, variables = {}, caller = COMPLIANCE) => subgraphRequest(service.url, query, variables, caller),
    stop: async () => {
      await service.close();
      await dropDatabase(stack.MONGODB_URI, config.MONGODB_DB);
      await dropDatabase(stack.MONGODB_URI, config.AUDIT_ANCHOR_DB);
    },
  };
}

export interface KnownCustomer {
  id: string;
  identifiers: { type: string; value: string }[];
  absorbedIds?: string[];
}

/**
 * A stand-in for identity-graph's subgraph answering `customer` and `customerByIdentifier` from a
 * fixed list, so governance's own tests need not start another app (apps may not import apps). The
 * real call is exercised end to end in apps/e2e.
 */
export async function startIdentityGraphStandIn(customers: KnownCustomer[]): Promise<{ url: string; close: () => Promise<void>; calls: () => number }> {
  let calls = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      calls++;
      if (!req.headers['x-c360-internal']) return void res.writeHead(401).end();
      const { variables } = JSON.parse(body) as { variables: { id?: string; type?: string; value?: string } };
      const found = customers.find(
        (c) => c.id === variables.id || c.identifiers.some((i) => i.type === variables.type && i.value === variables.value?.trim().toLowerCase()),
      );
      const identifiers = found?.identifiers.map((i) => ({ typeName: IDENTIFIER_TYPE_BY_ENUM_VALUE[i.type] ?? i.type, value: i.value }));
      const customer = found && { id: found.id, identifiers, personIds: [found.id, ...(found.absorbedIds ?? [])], personTraitKeys: [] };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { customer: customer ?? null } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    calls: () => calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
