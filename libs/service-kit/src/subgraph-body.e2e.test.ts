import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { INTERNAL_HEADER, signInternalToken } from '@c360/auth';
import { TEST_SECRET } from '@c360/testing';
import { createLogger } from './logger';
import { createMetricsRegistry } from './metrics';
import { runService, type RunningService } from './service-runner';

// A subgraph with no store: what is under test is the HTTP edge every service shares.
const SCHEMA = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
type Query { echo(value: String): String }
type Thing @key(fields: "id") { id: ID! name: String }`;

let service: RunningService;
let token: string;

beforeAll(async () => {
  const schemaPath = path.join(mkdtempSync(path.join(tmpdir(), 'c360-kit-')), 'schema.graphql');
  writeFileSync(schemaPath, SCHEMA);
  service = await runService({
    host: '127.0.0.1',
    port: 0,
    logger: createLogger('kit-test', 'silent'),
    internalTokenSecret: TEST_SECRET,
    readiness: [],
    schemaPath,
    resolvers: {
      Query: { echo: (_: unknown, { value }: { value?: string }) => value ?? null },
      Thing: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, name: `thing ${ref.id}` }) },
    },
    metrics: createMetricsRegistry('kit-test'),
    workers: [],
    resources: [],
  });
  token = await signInternalToken({ subject: 'kit-test', roles: ['service'], scopes: [] }, TEST_SECRET);
});

afterAll(() => service.close());

async function send(body: string | Buffer, headers: Record<string, string> = {}, withToken = true) {
  const res = await fetch(`${service.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(withToken ? { [INTERNAL_HEADER]: token } : {}), ...headers },
    body,
  });
  return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } };
}

const echo = JSON.stringify({ query: 'query($v: String) { echo(value: $v) }', variables: { v: 'hello' } });

describe('a subgraph /graphql with a valid internal token', () => {
  it('answers a well-formed request', async () => {
    expect(await send(echo)).toEqual({ status: 200, body: { data: { echo: 'hello' } } });
  });

  it.each([
    ['random bytes', Buffer.from([0x8f, 0x00, 0xff, 0x7b, 0x13, 0xc3, 0x28, 0x22])],
    ['a bare JSON string', '"query"'],
    ['a bare JSON number', '42'],
    ['truncated JSON', echo.slice(0, 20)],
  ])('answers %s with 400 BAD_REQUEST as a GraphQL error', async (_, body) => {
    const res = await send(body);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(res.body.errors?.[0]?.message).toMatch(/JSON|UTF-8/);
  });

  it('answers charset=utf-16 with 415: JSON is read as UTF-8 only', async () => {
    const res = await send(Buffer.from(echo, 'utf16le'), { 'content-type': 'application/json; charset=utf-16' });
    expect(res).toMatchObject({
      status: 415,
      body: { errors: [{ message: expect.stringContaining('utf-16'), extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' } }] },
    });
  });

  it('answers an unknown content encoding with 415, and reads gzip', async () => {
    const bogus = await send(echo, { 'content-encoding': 'bogus' });
    expect(bogus).toMatchObject({
      status: 415,
      body: { errors: [{ message: expect.stringContaining('bogus'), extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' } }] },
    });
    expect((await send(gzipSync(echo), { 'content-encoding': 'gzip' })).status).toBe(200);
  });

  it('answers a body over 1 MB with 413', async () => {
    const big = JSON.stringify({ query: '{ echo }', variables: { v: 'x'.repeat(1_100_000) } });
    expect(await send(big)).toMatchObject({ status: 413, body: { errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] } });
  });

  it('answers invalid UTF-8 inside a string with 400 instead of storing U+FFFD', async () => {
    const body = Buffer.concat([
      Buffer.from('{"query":"query($v: String) { echo(value: $v) }","variables":{"v":"a'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}}'),
    ]);
    expect(await send(body)).toMatchObject({
      status: 400,
      body: { errors: [{ message: expect.stringContaining('UTF-8'), extensions: { code: 'BAD_REQUEST' } }] },
    });
  });

  it('answers variables nested thousands deep with 400, and still answers afterwards', async () => {
    const deep = `{"query":"{ echo }","variables":{"v":${'['.repeat(50_000)}${']'.repeat(50_000)}}}`;
    expect(await send(deep)).toMatchObject({
      status: 400,
      body: { errors: [{ message: expect.stringContaining('nested deeper'), extensions: { code: 'BAD_REQUEST' } }] },
    });
    expect((await send(echo)).status).toBe(200);
  });
});

describe("Apollo Server's own refusals", () => {
  it('answers a persisted-query hash that does not match the query with 400 BAD_REQUEST, not a masked internal error', async () => {
    const res = await send(JSON.stringify({ query: '{ echo }', extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } }));
    expect(res).toMatchObject({ status: 400, body: { errors: [{ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } }] } });
  });
});

describe('the HTTP edge of a service', () => {
  it('answers a malformed body before authentication, and no token after a good body with 401', async () => {
    expect((await send('{"broken', {}, false)).status).toBe(400);
    expect((await send(echo, {}, false)).status).toBe(401);
  });

  it('answers an unknown path with a JSON 404', async () => {
    const res = await fetch(`${service.url}/nowhere`, { method: 'DELETE' });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'NOT_FOUND', reason: expect.stringContaining('/nowhere') });
  });
});

describe('_entities representations', () => {
  const entities = (representations: unknown) =>
    send(JSON.stringify({ query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Thing { id name } } }', variables: { r: representations } }));

  it('resolves well-formed references', async () => {
    expect((await entities([{ __typename: 'Thing', id: '7' }])).body).toEqual({ data: { _entities: [{ id: '7', name: 'thing 7' }] } });
  });

  it.each([
    ['a key field that is not an ID', [{ __typename: 'Thing', id: { $gt: '' } }], 'representation 0: key field id must be an ID'],
    ['a missing key field', [{ __typename: 'Thing', id: '1' }, { __typename: 'Thing' }], 'representation 1: key field id must be an ID'],
    ['an unknown type', [{ __typename: 'Nope', id: '1' }], 'representation 0: __typename names no entity of this subgraph'],
    ['a representation that is not an object', ['Thing'], 'representation 0: not an object'],
  ])('refuses %s as BAD_USER_INPUT, naming it', async (_, representations, message) => {
    const res = await entities(representations);
    expect(res.body.errors?.[0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT' } });
  });
});
