import { Client, fetchExchange, type CombinedError } from 'urql';

/** One urql client per session: every operation goes to the gateway with the session's token. */
export function createClient(gatewayUrl: string, token: string, onUnauthenticated: () => void): Client {
  return new Client({
    url: `${gatewayUrl}/graphql`,
    exchanges: [fetchExchange],
    // Personal data is never cached between views: each view asks the gateway again.
    requestPolicy: 'network-only',
    preferGetMethod: false,
    fetchOptions: () => ({ headers: { authorization: `Bearer ${token}` }, credentials: 'omit', referrerPolicy: 'no-referrer' }),
    fetch: async (input, init) => {
      const res = await fetch(input, init);
      if (res.status === 401) onUnauthenticated();
      return res;
    },
  });
}

/** The server's own reason for a refusal, with its code (FORBIDDEN, BAD_USER_INPUT...), for the user to read. */
export function errorReasons(error: CombinedError): string[] {
  if (error.graphQLErrors.length) {
    return error.graphQLErrors.map((e) => {
      const code = typeof e.extensions?.['code'] === 'string' ? e.extensions['code'] : undefined;
      return code ? `${e.message} (${code})` : e.message;
    });
  }
  return [error.networkError ? `the gateway could not be reached: ${error.networkError.message}` : error.message];
}
