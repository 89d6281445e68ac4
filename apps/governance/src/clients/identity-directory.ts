import { INTERNAL_HEADER, signInternalToken } from '@c360/auth';
import { identifierTypeEnumValue, type IdentifierType } from '@c360/contracts';
import { traceHeaders } from '@c360/service-kit';

/** A person as identity-graph knows them now: the surviving id, every id merged into it (none split back out), and identifier keys. */
export interface Subject {
  customerId: string;
  customerIds: string[];
  /** Normalised `type:value` keys: hashed for the suppression list at once, never stored or queued. */
  identifierKeys: string[];
  /** Keys naming the person by traits alone (name with birth date or address), suppressed the same way. */
  traitKeys: string[];
}

export class IdentityDirectoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IdentityDirectoryError';
  }
}

// typeName, not the enum: it also names identifier types added by configuration.
const FIELDS = 'id personIds personTraitKeys identifiers { typeName value }';
const BY_ID = `query ($id: ID!) { customer(id: $id) { ${FIELDS} } }`;
const BY_IDENTIFIER = `query ($type: IdentifierType!, $value: String!) { customer: customerByIdentifier(type: $type, value: $value) { ${FIELDS} } }`;

interface CustomerAnswer {
  id: string;
  identifiers: { typeName: string; value: string }[];
  personIds: string[];
  personTraitKeys: string[];
}

/**
 * Resolves whom a data-subject request is about by asking identity-graph's subgraph directly, with an
 * internal token signed as governance. A synchronous call rather than a queue round trip because the
 * compliance officer must learn at once whether the subject is known (and the request is refused
 * otherwise), and because the identifiers must be hashed for suppression before any erasure starts,
 * without ever passing through Redis.
 */
export class IdentityDirectory {
  constructor(
    private readonly graphqlUrl: string,
    private readonly internalTokenSecret: string,
    private readonly timeoutMs = 5_000,
  ) {}

  async byId(customerId: string): Promise<Subject | null> {
    return this.ask(BY_ID, { id: customerId });
  }

  /** The value is normalised by identity-graph exactly as on ingestion. */
  async byIdentifier(type: IdentifierType, value: string): Promise<Subject | null> {
    return this.ask(BY_IDENTIFIER, { type: identifierTypeEnumValue(type), value });
  }

  private async ask(query: string, variables: Record<string, unknown>): Promise<Subject | null> {
    const token = await signInternalToken({ subject: 'governance', roles: ['service'], scopes: [] }, this.internalTokenSecret);
    let body: { data?: { customer: CustomerAnswer | null }; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      const res = await fetch(this.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [INTERNAL_HEADER]: token, ...traceHeaders() },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      body = (await res.json()) as typeof body;
    } catch (err) {
      throw new IdentityDirectoryError(`identity-graph unreachable: ${err instanceof Error ? err.message : String(err)}`);
    }
    const error = body.errors?.[0];
    if (error) {
      if (error.extensions?.code === 'BAD_USER_INPUT') return null;
      throw new IdentityDirectoryError(`identity-graph refused: ${error.extensions?.code ?? 'error'}`);
    }
    const customer = body.data?.customer;
    if (!customer) return null;
    // identity-graph owns who the person is; a merge history would also name customers split back out since.
    return {
      customerId: customer.id,
      customerIds: [...new Set([customer.id, ...customer.personIds])],
      identifierKeys: customer.identifiers.map((i) => `${i.typeName}:${i.value}`),
      traitKeys: customer.personTraitKeys,
    };
  }
}
