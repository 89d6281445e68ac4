import { randomBytes } from 'node:crypto';
import { signInternalToken, INTERNAL_HEADER, type Caller } from '@c360/auth';
import { batchItemsOf } from '@c360/contracts';
import type { JobType, Queue } from 'bullmq';
import mongoose from 'mongoose';

/**
 * Helpers for integration and end-to-end tests. Tests reach the real servers given by the same
 * variables production uses, defaulting to the local stack.
 */
export const TEST_SECRET = 'test-internal-secret-at-least-32-characters-long';

export function testStack() {
  return {
    MONGODB_URI: process.env['MONGODB_URI'] ?? 'mongodb://127.0.0.1:27017',
    NEO4J_URI: process.env['NEO4J_URI'] ?? 'bolt://127.0.0.1:7687',
    NEO4J_USER: process.env['NEO4J_USER'] ?? 'neo4j',
    NEO4J_PASSWORD: process.env['NEO4J_PASSWORD'] ?? '',
    REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
  };
}

/** A short random name part, so parallel tests never share a database, queue prefix or identifier. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

/**
 * A valid North American phone number from a space of about 32 million, so numbers left in the shared
 * Neo4j by earlier runs practically never collide with a new test's (a collision merges two test people).
 */
export function uniquePhone(): string {
  const n = randomBytes(4).readUInt32BE();
  const area = ['415', '650', '212', '312'][n % 4] ?? '415';
  const exchangeFirst = 2 + (Math.floor(n / 4) % 8);
  const rest = String(Math.floor(n / 32) % 1_000_000).padStart(6, '0');
  return `+1${area}${exchangeFirst}${rest}`;
}

export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
}

export const SERVICE_CALLER: Caller = { subject: 'test', roles: ['service'], scopes: [] };

export interface GraphQLResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Calls a subgraph as the gateway would, with a signed internal token. */
export async function subgraphRequest<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  caller: Caller | null = SERVICE_CALLER,
): Promise<GraphQLResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (caller) headers[INTERNAL_HEADER] = await signInternalToken(caller, TEST_SECRET);
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as GraphQLResponse<T>;
}

/**
 * Drops a test's database. Retried because the local stand-in (mongo-java-server) can refuse a drop
 * that races with a just-finished write ("index not found with name [_id_]"); cleanup should not
 * fail a suite whose tests passed.
 */
export async function dropDatabase(uri: string, dbName: string, attempts = 5): Promise<void> {
  const conn = await mongoose.createConnection(uri, { dbName }).asPromise();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await conn.dropDatabase();
        return;
      } catch (err) {
        if (attempt >= attempts) throw err;
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
  } finally {
    await conn.close();
  }
}
export * from './service-process';
export * from './seeded-random';

/**
 * The items queued in a work queue (ingest, resolve, link), flattened out of their batch jobs, in
 * the given job states. A job of the one-item shape counts as its own item.
 */
export async function queuedItems<T>(queue: Pick<Queue, 'getJobs'>, states: JobType[] = ['waiting', 'delayed', 'prioritized']): Promise<T[]> {
  const jobs = await queue.getJobs(states);
  return jobs.flatMap((job) => (job ? (batchItemsOf(job.data) as T[]) : []));
}
export * from './redis-cluster';
