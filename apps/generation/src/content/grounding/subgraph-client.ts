import { INTERNAL_HEADER, signInternalToken, type Caller } from '@c360/auth';
import { traceHeaders } from '@c360/service-kit';

export class SubgraphUnavailableError extends Error {
  constructor(subgraph: string, reason: string) {
    super(`${subgraph} unavailable: ${reason}`);
    this.name = 'SubgraphUnavailableError';
  }
}

/**
 * Asks another subgraph on behalf of the caller: the internal token carries the caller's own
 * subject and roles, so the owner's field access (roles, @personal, consent) decides what comes
 * back, exactly as if the caller had asked through the gateway. Generation never widens a caller.
 */
export class SubgraphClient {
  constructor(
    readonly name: string,
    private readonly url: string,
    private readonly internalTokenSecret: string,
    private readonly timeoutMs: number,
  ) {}

  async query<T>(caller: Caller, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const token = await signInternalToken({ subject: caller.subject, roles: caller.roles, scopes: caller.scopes }, this.internalTokenSecret);
    let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      const res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [INTERNAL_HEADER]: token, ...traceHeaders() },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      body = (await res.json()) as typeof body;
    } catch (err) {
      throw new SubgraphUnavailableError(this.name, err instanceof Error ? err.name : 'error');
    }
    // Partial data is still an answer: a field this caller may not read comes back as an error beside the rest.
    if (!body.data) throw new SubgraphUnavailableError(this.name, body.errors?.[0]?.extensions?.code ?? 'no data');
    return body.data;
  }
}
