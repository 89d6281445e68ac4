import type { RunningService } from '@c360/service-kit';
import { post, startTestGateway, tokenFor } from './testing/test-gateway';

let gateway: RunningService;
let bearer: string;

beforeAll(async () => {
  gateway = await startTestGateway();
  bearer = `Bearer ${await tokenFor()}`;
});

afterAll(() => gateway.close());

async function send(body: string | Buffer, headers: Record<string, string> = {}) {
  const res = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: bearer, ...headers },
    body,
  });
  return { status: res.status, body: (await res.json()) as { errors?: { message: string; extensions?: { code?: string } }[] } };
}

describe('operation resolution', () => {
  it('answers an operationName that names no operation in the document with 400', async () => {
    const res = await post(gateway, { query: 'query A { __typename }', operationName: 'Nope' }, bearer);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]).toMatchObject({ message: 'Unknown operation named "Nope".', extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } });
  });

  it('answers a document of several operations and no operationName with 400', async () => {
    const res = await post(gateway, { query: 'query A { __typename } query B { __typename }' }, bearer);
    expect(res).toMatchObject({ status: 400, body: { errors: [{ extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } }] } });
  });

  it('still runs the operation operationName names', async () => {
    const res = await post(gateway, { query: 'query A { __typename } query B { __typename }', operationName: 'B' }, bearer);
    expect(res).toMatchObject({ status: 200, body: { data: { __typename: 'Query' } } });
  });
});

describe('malformed request bodies', () => {
  const query = JSON.stringify({ query: '{ __typename }' });

  it.each([
    ['random bytes', Buffer.from([0x8f, 0x00, 0xff, 0x7b, 0x13]), {}, 400, 'BAD_REQUEST'],
    ['a bare JSON scalar', '"x"', {}, 400, 'BAD_REQUEST'],
    ['JSON nested thousands deep', `{"query":"{ __typename }","variables":{"v":${'['.repeat(20_000)}${']'.repeat(20_000)}}}`, {}, 400, 'BAD_REQUEST'],
    ['charset=utf-16', Buffer.from(query, 'utf16le'), { 'content-type': 'application/json; charset=utf-16' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['an unknown content encoding', query, { 'content-encoding': 'bogus' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a body over 1 MB', JSON.stringify({ query: '{ __typename }', variables: { v: 'x'.repeat(1_100_000) } }), {}, 413, 'PAYLOAD_TOO_LARGE'],
  ])('answers %s with a GraphQL error and a 4xx', async (_, body, headers, status, code) => {
    const res = await send(body, headers);
    expect(res.status).toBe(status);
    expect(res.body.errors?.[0]?.extensions?.code).toBe(code);
  });

  it('answers an unknown path with a JSON 404', async () => {
    const res = await fetch(`${gateway.url}/graphql-nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'NOT_FOUND' });
  });
});
