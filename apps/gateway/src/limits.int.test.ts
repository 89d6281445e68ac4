import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunningService } from '@c360/service-kit';
import { sha256 } from './limits/persisted-operations';
import { post, startTestGateway, tokenFor } from './testing/test-gateway';

/** Every rejection happens at the gateway, before any subgraph is called, and names its code. */
let gateway: RunningService;
let token: string;

beforeAll(async () => {
  gateway = await startTestGateway({ LIMIT_MAX_DEPTH: '4', LIMIT_MAX_COST: '300', LIMIT_MAX_ALIASES: '3', LIMIT_MAX_ROOT_FIELDS: '2' });
  token = `Bearer ${await tokenFor()}`;
});

afterAll(() => gateway.close());

const codeOf = (res: Awaited<ReturnType<typeof post>>) => res.body.errors?.[0]?.extensions?.code;

describe('operation limits', () => {
  it('refuses an operation nested too deep', async () => {
    const res = await post(gateway, { query: '{ customer(id: "x") { journey(first: 1) { edges { node { messageId } } } } }' }, token);
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe('MAX_DEPTH_EXCEEDED');
  });

  it('refuses an operation whose cost, counting list sizes, is too high', async () => {
    const res = await post(
      gateway,
      { query: 'query ($n: Int) { customer(id: "x") { journey(first: $n) { totalCount edges { cursor } } } }', variables: { n: 500 } },
      token,
    );
    expect(codeOf(res)).toBe('MAX_COST_EXCEEDED');
  });

  it('refuses too many aliases', async () => {
    const res = await post(gateway, { query: '{ customer(id: "x") { a: id b: id c: id d: id } }' }, token);
    expect(codeOf(res)).toBe('MAX_ALIASES_EXCEEDED');
  });

  it('refuses too many root fields, also when hidden in fragments', async () => {
    const res = await post(
      gateway,
      {
        query:
          'query { ...Q c: customer(id: "z") { id } } fragment Q on Query { customer(id: "x") { id } customerByIdentifier(type: EMAIL, value: "y") { id } }',
      },
      token,
    );
    expect(codeOf(res)).toBe('MAX_ROOT_FIELDS_EXCEEDED');
  });

  it('refuses batched requests', async () => {
    const res = await post(gateway, [{ query: '{ __typename }' }, { query: '{ __typename }' }], token);
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe('BATCHING_NOT_SUPPORTED');
  });

  it('refuses introspection and gives no field suggestions', async () => {
    const intro = await post(gateway, { query: '{ __schema { types { name } } }' }, token);
    expect(codeOf(intro)).toBe('GRAPHQL_VALIDATION_FAILED');
    const typo = await post(gateway, { query: '{ custome(id: "x") { id } }' }, token);
    expect(codeOf(typo)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(typo.body)).not.toMatch(/Did you mean/);
  });

  it('refuses Apollo automatic persisted queries that are not on the allow-list', async () => {
    const res = await post(gateway, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ __typename }') } } }, token);
    expect(codeOf(res)).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

describe('rate limits', () => {
  let limited: RunningService;
  beforeAll(async () => {
    limited = await startTestGateway({ RATE_LIMIT_REQUESTS: '3', RATE_LIMIT_WINDOW_SECONDS: '60' });
  });
  afterAll(() => limited.close());

  it('answers 429 with Retry-After once a client spends its window, and counts clients apart', async () => {
    const mine = `Bearer ${await tokenFor()}`;
    for (let i = 0; i < 3; i++) expect((await post(limited, { query: '{ __typename }' }, mine)).status).toBe(200);
    const over = await post(limited, { query: '{ __typename }' }, mine);
    expect(over.status).toBe(429);
    expect(codeOf(over)).toBe('RATE_LIMITED');
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await post(limited, { query: '{ __typename }' }, `Bearer ${await tokenFor()}`)).status).toBe(200);
  });
});

describe('mandatory persisted operations', () => {
  let strict: RunningService;
  const allowed = '{ __typename }';
  beforeAll(async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'c360-pq-')), 'operations.json');
    writeFileSync(file, JSON.stringify({ [sha256(allowed)]: allowed }));
    strict = await startTestGateway({ PERSISTED_OPERATIONS_PATH: file, PERSISTED_OPERATIONS_REQUIRED: 'true' });
  });
  afterAll(() => strict.close());

  it('runs a listed operation by hash', async () => {
    const res = await post(strict, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(allowed) } } }, token);
    expect(res.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('refuses an operation sent as text that is not listed, and an unknown hash', async () => {
    expect(codeOf(await post(strict, { query: '{ customer(id: "x") { id } }' }, token))).toBe('PERSISTED_QUERY_REQUIRED');
    expect(codeOf(await post(strict, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ x }') } } }, token))).toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );
  });
});
