import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signAccessToken, type Caller } from '@c360/auth';
import { createLogger, type RunningService } from '@c360/service-kit';
import { composeSupergraph, defaultSubgraphUrls } from '@c360/supergraph';
import { TEST_SECRET, testStack, uniqueName } from '@c360/testing';
import { loadConfig } from '../config';
import { startGateway } from '../gateway';

/** Helpers for the gateway's own tests: a gateway over the composed supergraph, no subgraph needed for what it rejects. */
export const ACCESS = { secret: 'gateway-test-access-secret-32-characters!', issuer: 'c360-test', audience: 'c360' };

export function supergraphFile(): string {
  const composed = composeSupergraph(defaultSubgraphUrls({}));
  if ('errors' in composed) throw new Error(composed.errors.join('\n'));
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'c360-gw-')), 'supergraph.graphql');
  writeFileSync(file, composed.supergraphSdl);
  return file;
}

export async function startTestGateway(env: Record<string, string | undefined> = {}): Promise<RunningService> {
  const config = loadConfig({
    PORT: '0',
    INTERNAL_TOKEN_SECRET: TEST_SECRET,
    ACCESS_TOKEN_SECRET: ACCESS.secret,
    ACCESS_TOKEN_ISSUER: ACCESS.issuer,
    ACCESS_TOKEN_AUDIENCE: ACCESS.audience,
    SUPERGRAPH_PATH: supergraphFile(),
    REDIS_URL: testStack().REDIS_URL,
    QUEUE_PREFIX: uniqueName('gw'),
    ...env,
  });
  return startGateway(config, createLogger('gateway-test', 'silent'));
}

export function tokenFor(caller: Partial<Caller> = {}, expiresIn = '1h'): Promise<string> {
  return signAccessToken({ subject: uniqueName('client'), roles: ['analyst'], scopes: [], ...caller }, ACCESS, expiresIn);
}

export interface GatewayAnswer {
  status: number;
  headers: Headers;
  body: { errors?: { message: string; extensions?: { code?: string } }[]; data?: unknown };
}

export async function post(gateway: RunningService, body: unknown, authorization?: string): Promise<GatewayAnswer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization) headers['authorization'] = authorization;
  const res = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as GatewayAnswer['body'] };
}
