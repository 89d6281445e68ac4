import { INTERNAL_HEADER, signInternalToken } from '@c360/auth';
import { traceHeaders } from '@c360/service-kit';

export class SubgraphCallError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'SubgraphCallError';
  }
}

/**
 * Calls another service's subgraph directly, signed as generation with the service role: the same
 * internal token the gateway signs, so the callee applies its own access rules to us.
 */
export class SubgraphClient {
  constructor(
    private readonly graphqlUrl: string,
    private readonly internalTokenSecret: string,
    private readonly timeoutMs: number,
  ) {}

  async call<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const token = await signInternalToken({ subject: 'generation', roles: ['service'], scopes: [] }, this.internalTokenSecret);
    let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      const res = await fetch(this.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [INTERNAL_HEADER]: token, ...traceHeaders() },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      body = (await res.json()) as typeof body;
    } catch (err) {
      throw new SubgraphCallError(`unreachable: ${err instanceof Error ? err.message : String(err)}`, 'UNAVAILABLE');
    }
    const error = body.errors?.[0];
    // The callee's message may quote input; only its code travels on.
    if (error) throw new SubgraphCallError(`refused: ${error.extensions?.code ?? 'error'}`, error.extensions?.code ?? 'ERROR');
    if (body.data === undefined) throw new SubgraphCallError('no data in the answer', 'ERROR');
    return body.data;
  }
}
