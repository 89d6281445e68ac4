import { INTERNAL_HEADER } from '@c360/auth';
import { CONSENT_PROFILE_PATH } from '@c360/consent-client';
import { Garbage, graphqlGarbage, malformedBody } from './garbage';
import type { RawRequest } from './raw-http';

/** One HTTP entry point of the system under fuzz: where it is, how many requests, and how to draw one. */
export interface EntryPoint {
  name: string;
  baseUrl: string;
  requests: number;
  draw: (g: Garbage) => { kind: string; request: RawRequest };
}

/** Credentials an entry point's requests may carry; each is refreshed by the caller before it expires. */
export type Credentials = () => Record<string, string>;

const ODD_METHODS = ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];

/** Requests for a GraphQL endpoint: transport-level garbage half the time, malformed GraphQL in valid JSON otherwise. */
export function graphqlEntryPoint(
  name: string,
  baseUrl: string,
  requests: number,
  credentials: Credentials,
  valid: { query: string; variables?: Record<string, unknown> },
): EntryPoint {
  return {
    name,
    baseUrl,
    requests,
    draw: (g) => {
      const method = g.chance(0.1) ? g.pick(ODD_METHODS) : 'POST';
      if (method === 'GET') {
        // Under Node's 16 KB limit on a request head: beyond it Node answers 431 and resets the socket itself.
        const query = encodeURIComponent(String(graphqlGarbage(g, valid)['query'] ?? g.text(20))).slice(0, 8_000);
        const preflight: Record<string, string> = g.chance(0.5) ? { 'apollo-require-preflight': 'true' } : {};
        return {
          kind: 'GET',
          request: { method, path: `/graphql?query=${query}&variables=${encodeURIComponent(g.text(10))}`, headers: { ...credentials(), ...preflight } },
        };
      }
      if (g.chance(0.5)) {
        const body = malformedBody(g, valid);
        return { kind: body.kind, request: { method, path: '/graphql', headers: { ...credentials(), ...body.headers }, body: body.body } };
      }
      const body = Buffer.from(JSON.stringify(graphqlGarbage(g, valid)));
      return { kind: 'malformed GraphQL', request: { method, path: '/graphql', headers: { ...credentials(), 'content-type': 'application/json' }, body } };
    },
  };
}

/** `POST /v1/batch` with a service token: garbage bodies, wrong methods and wrong paths. */
export function batchEntryPoint(baseUrl: string, requests: number, credentials: Credentials, valid: unknown[]): EntryPoint {
  return {
    name: 'touchpoint-store /v1/batch',
    baseUrl,
    requests,
    draw: (g) => {
      const method = g.chance(0.1) ? g.pick(ODD_METHODS) : 'POST';
      const path = g.chance(0.05) ? g.pick(['/v1/batch/', '/v1/batch?x=%', '/v1/BATCH', '/v1/batch%00']) : '/v1/batch';
      const body = malformedBody(g, valid);
      return { kind: body.kind, request: { method, path, headers: { ...credentials(), ...body.headers }, body: body.body } };
    },
  };
}

/** governance's internal consent profile: malformed and hostile ids, wrong methods, tokens or none. */
export function consentProfileEntryPoint(baseUrl: string, requests: number, credentials: Credentials): EntryPoint {
  const ids = (g: Garbage) => [
    '%',
    '%E0%A4%A',
    '%ZZ',
    '%00',
    '%C0%AF',
    '..%2F..%2Fetc%2Fpasswd',
    encodeURIComponent('{"$gt":""}'),
    '$where',
    ';',
    'a/b/c',
    '',
    encodeURIComponent('🙂'),
    encodeURIComponent(g.text(30)),
    'x'.repeat(g.pick([10, 1_000, 8_000])),
    `c-${g.int(1e9)}`,
  ];
  return {
    name: 'governance consent-profile',
    baseUrl,
    requests,
    draw: (g) => {
      const method = g.chance(0.15) ? g.pick(['POST', ...ODD_METHODS]) : 'GET';
      const auth = g.pick([credentials(), credentials(), {}, { [INTERNAL_HEADER]: g.text(40) }]);
      const body = method === 'GET' || method === 'HEAD' ? undefined : malformedBody(g, { id: 'x' });
      return {
        kind: `${method} id`,
        request: { method, path: `${CONSENT_PROFILE_PATH}/${g.pick(ids(g))}`, headers: { ...auth, ...(body?.headers ?? {}) }, body: body?.body },
      };
    },
  };
}

/** `/healthz` and `/readyz` of one process: any method, garbage query strings and bodies. */
export function healthEntryPoint(name: string, baseUrl: string, requests: number): EntryPoint {
  return {
    name: `${name} /healthz /readyz`,
    baseUrl,
    requests,
    draw: (g) => {
      const method = g.chance(0.5) ? 'GET' : g.pick(['POST', ...ODD_METHODS]);
      const path = `${g.pick(['/healthz', '/readyz'])}${g.chance(0.5) ? `?${g.pick(['%', '%ZZ', encodeURIComponent(g.text(30)), 'a[b][c]=1'])}` : ''}`;
      const body = method === 'GET' || method === 'HEAD' ? undefined : malformedBody(g, {});
      return { kind: `${method} health`, request: { method, path, headers: body?.headers ?? {}, body: body?.body } };
    },
  };
}
