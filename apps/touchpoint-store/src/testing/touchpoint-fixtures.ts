import { signAccessToken, type Role } from '@c360/auth';
import type { TouchpointInput } from '@c360/contracts';
import { TEST_SECRET, testStack, uniqueName } from '@c360/testing';
import { loadConfig } from '../config';

// Moved to @c360/testing so the end-to-end fuzz draws from the same generator.
export { seededRandom } from '@c360/testing';

export const SUPPRESSION_SECRET = 'touchpoint-test-suppression-secret-32-chars';

export const ACCESS = { secret: 'touchpoint-test-access-secret-32-chars!', issuer: 'c360-test', audience: 'c360' };

export function testConfig(overrides: Record<string, string> = {}) {
  return loadConfig({
    ...testStack(),
    MONGODB_DB: uniqueName('c360_test_tp'),
    QUEUE_PREFIX: uniqueName('t'),
    PORT: '0',
    INTERNAL_TOKEN_SECRET: TEST_SECRET,
    ACCESS_TOKEN_SECRET: ACCESS.secret,
    ACCESS_TOKEN_ISSUER: ACCESS.issuer,
    ACCESS_TOKEN_AUDIENCE: ACCESS.audience,
    LOG_LEVEL: 'silent',
    SUPPRESSION_SECRET: SUPPRESSION_SECRET,
    ...overrides,
  });
}

export function token(roles: Role[] = ['service']): Promise<string> {
  return signAccessToken({ subject: 'test', roles, scopes: [] }, ACCESS);
}

export function touchpoint(overrides: Partial<TouchpointInput> = {}): TouchpointInput {
  return {
    messageId: uniqueName('m'),
    type: 'track',
    event: 'Viewed',
    channel: 'web',
    occurredAt: '2026-05-01T10:00:00.000Z',
    identifiers: { anonymousId: uniqueName('anon') },
    properties: { page: '/home' },
    ...overrides,
  };
}

export async function postBatch(url: string, body: unknown, bearer?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (bearer !== undefined) headers['authorization'] = `Bearer ${bearer}`;
  const res = await fetch(`${url}/v1/batch`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return {
    status: res.status,
    body: (await res.json()) as {
      accepted: number;
      rejected: number;
      quarantined: number;
      results: { status: string; reason?: string; messageId: string | null }[];
      reason?: string;
    },
  };
}

/** Stores touchpoints and links them to a customer straight through the repository, skipping the queues. */
export async function storeLinked(
  touchpoints: { insertOnce: (t: TouchpointInput, r: Date) => Promise<unknown>; assignCustomer: (m: string, c: string) => Promise<boolean> },
  customerId: string,
  items: TouchpointInput[],
): Promise<void> {
  for (const item of items) {
    await touchpoints.insertOnce(item, new Date(item.occurredAt));
    await touchpoints.assignCustomer(item.messageId, customerId);
  }
}
