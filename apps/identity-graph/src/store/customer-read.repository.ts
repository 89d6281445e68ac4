import type { PersonTraits } from '@c360/contracts';
import { personTraitKeys } from '@c360/identifiers';
import neo4j, { type Driver, type QueryResult } from 'neo4j-driver';
import { causalSession } from './neo4j-driver';

const neo4jInt = (n: number) => neo4j.int(n);

export interface CustomerRecord {
  id: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  /** Read with the customer, in the same round trip, when the query asked for them (byIdWithIdentifiers). */
  identifiers?: IdentifierRecord[];
}

export interface IdentifierRecord {
  /** A built-in IdentifierType, or a type added by configuration. */
  type: string;
  value: string;
  firstSeenAt: Date;
}

export interface MergeRecord {
  id: string;
  at: Date;
  by: string;
  rule: string;
  /** The Fellegi–Sunter weight for probabilistic and reviewed merges. */
  score: number | null;
  absorbedCustomerIds: string[];
  /** Absorbed customers split out again by an unmerge. */
  undoneCustomerIds: string[];
  evidence: string;
}

/** Columns of a Merge node `m`, with `undoneIds` collected beforehand. */
export const MERGE_FIELDS =
  'm.id AS id, toString(m.at) AS at, m.by AS by, m.rule AS rule, m.score AS score, m.absorbedIds AS absorbedIds, undoneIds, m.evidence AS evidence';

export function toMerge(r: { get(key: string): unknown }): MergeRecord {
  return {
    id: r.get('id') as string,
    at: new Date(r.get('at') as string),
    by: r.get('by') as string,
    rule: r.get('rule') as string,
    score: (r.get('score') as number | null) ?? null,
    absorbedCustomerIds: r.get('absorbedIds') as string[],
    undoneCustomerIds: r.get('undoneIds') as string[],
    evidence: r.get('evidence') as string,
  };
}

const CUSTOMER_FIELDS = 'c.id AS id, toString(c.createdAt) AS createdAt, toString(c.updatedAt) AS updatedAt, c.version AS version';

// A merged-away id answers with its survivor, so old references held by clients keep working.
const BY_ID = `
MATCH (x:Customer {id: $id})
OPTIONAL MATCH (s:Customer {id: x.mergedInto})
WITH coalesce(s, x) AS c
RETURN ${CUSTOMER_FIELDS}`;

// The same customer with its identifiers, in one round trip, for a query that asks for both.
const BY_ID_WITH_IDENTIFIERS = `
MATCH (x:Customer {id: $id})
OPTIONAL MATCH (s:Customer {id: x.mergedInto})
WITH coalesce(s, x) AS c
OPTIONAL MATCH (c)-[:HAS_IDENTIFIER]->(i:Identifier)
WITH c, i ORDER BY i.firstSeenAt, i.key
WITH c, collect(i {.type, .value, firstSeenAt: toString(i.firstSeenAt)}) AS identifiers
RETURN ${CUSTOMER_FIELDS}, identifiers`;

const BY_IDENTIFIER = `
MATCH (c:Customer)-[:HAS_IDENTIFIER]->(:Identifier {key: $key})
RETURN ${CUSTOMER_FIELDS}`;

const IDENTIFIERS = `
MATCH (:Customer {id: $id})-[:HAS_IDENTIFIER]->(i:Identifier)
RETURN i.type AS type, i.value AS value, toString(i.firstSeenAt) AS firstSeenAt
ORDER BY i.firstSeenAt, i.key`;

// mergedInto always names the final survivor, and an unmerge points the restored ids back at their
// own survivor, so this is the person as identity-graph holds them now, splits included.
const PERSON_IDS = `
MATCH (x:Customer {mergedInto: $id})
RETURN x.id AS id ORDER BY id`;

// Traits as compared (normalised), from every touchpoint the customer holds now, merged ones included.
const COMPARED_TRAITS = `
MATCH (:Customer {id: $id})-[:HAS_TOUCHPOINT]->(t:Touchpoint)
WHERE t.traits IS NOT NULL
RETURN DISTINCT t.traits AS traits`;

// Merges into this customer and into any customer it later absorbed.
const MERGE_HISTORY = `
MATCH (c:Customer {id: $id})
OPTIONAL MATCH (x:Customer {mergedInto: $id})
WITH c, collect(x) AS absorbed
WITH [c] + absorbed AS line
UNWIND line AS member
MATCH (m:Merge)-[:INTO]->(member)
OPTIONAL MATCH (m)-[ab:ABSORBED]->(u:Customer) WHERE ab.undoneAt IS NOT NULL
WITH m, collect(u.id) AS undoneIds
RETURN ${MERGE_FIELDS}
ORDER BY m.at`;

export interface ConflictRecord {
  id: string;
  at: Date;
  identifierType: string;
  reason: string;
  customerIds: string[];
  messageId: string;
}

// Conflicts of this customer and of any customer merged into it.
const CONFLICTS = `
MATCH (c:Customer {id: $id})
OPTIONAL MATCH (x:Customer {mergedInto: $id})
WITH c, collect(x) AS absorbed
UNWIND [c] + absorbed AS member
MATCH (k:Conflict)-[:INVOLVES]->(member)
RETURN DISTINCT k.id AS id, toString(k.at) AS at, k.type AS type, k.reason AS reason, k.customerIds AS customerIds, k.messageId AS messageId
ORDER BY at DESC LIMIT $limit`;

const RECENT_CONFLICTS = `
MATCH (k:Conflict)
RETURN k.id AS id, toString(k.at) AS at, k.type AS type, k.reason AS reason, k.customerIds AS customerIds, k.messageId AS messageId
ORDER BY k.at DESC LIMIT $limit`;

function toConflict(r: { get(key: string): unknown }): ConflictRecord {
  return {
    id: r.get('id') as string,
    at: new Date(r.get('at') as string),
    identifierType: r.get('type') as string,
    reason: r.get('reason') as string,
    customerIds: r.get('customerIds') as string[],
    messageId: r.get('messageId') as string,
  };
}

function toCustomer(r: { get(key: string): unknown }): CustomerRecord {
  return {
    id: r.get('id') as string,
    createdAt: new Date(r.get('createdAt') as string),
    updatedAt: new Date(r.get('updatedAt') as string),
    version: r.get('version') as number,
  };
}

function toIdentifier(r: { type: unknown; value: unknown; firstSeenAt: unknown }): IdentifierRecord {
  return { type: r.type as string, value: r.value as string, firstSeenAt: new Date(r.firstSeenAt as string) };
}

/** Read side of the identity graph, for resolvers. */
export class CustomerReadRepository {
  constructor(private readonly driver: Driver) {}

  async byId(id: string): Promise<CustomerRecord | null> {
    const res = await this.read(BY_ID, { id });
    return res.records[0] ? toCustomer(res.records[0]) : null;
  }

  async byIdWithIdentifiers(id: string): Promise<CustomerRecord | null> {
    const record = (await this.read(BY_ID_WITH_IDENTIFIERS, { id })).records[0];
    if (!record) return null;
    const identifiers = record.get('identifiers') as { type: unknown; value: unknown; firstSeenAt: unknown }[];
    return { ...toCustomer(record), identifiers: identifiers.map(toIdentifier) };
  }

  async byIdentifierKey(key: string): Promise<CustomerRecord | null> {
    const res = await this.read(BY_IDENTIFIER, { key });
    return res.records[0] ? toCustomer(res.records[0]) : null;
  }

  async identifiers(id: string): Promise<IdentifierRecord[]> {
    const res = await this.read(IDENTIFIERS, { id });
    return res.records.map((r) => toIdentifier({ type: r.get('type'), value: r.get('value'), firstSeenAt: r.get('firstSeenAt') }));
  }

  async conflicts(id: string, limit = 100): Promise<ConflictRecord[]> {
    const res = await this.read(CONFLICTS, { id, limit: neo4jInt(limit) });
    return res.records.map(toConflict);
  }

  async recentConflicts(limit: number): Promise<ConflictRecord[]> {
    const res = await this.read(RECENT_CONFLICTS, { limit: neo4jInt(limit) });
    return res.records.map(toConflict);
  }

  /** The customer id and every id merged into it now (none split back out): whom a data-subject request is about. */
  async personIds(id: string): Promise<string[]> {
    const res = await this.read(PERSON_IDS, { id });
    return [id, ...res.records.map((r) => String(r.get('id')))];
  }

  /** The keys naming this person by traits alone (personTraitKeys), over every record of theirs: what erasure suppresses beside identifiers. */
  async personTraitKeys(id: string): Promise<string[]> {
    const res = await this.read(COMPARED_TRAITS, { id });
    return [...new Set(res.records.flatMap((r) => personTraitKeys(JSON.parse(String(r.get('traits'))) as PersonTraits)))].sort();
  }

  async mergeHistory(id: string): Promise<MergeRecord[]> {
    const res = await this.read(MERGE_HISTORY, { id });
    return res.records.map(toMerge);
  }

  /**
   * One read statement in an auto-commit transaction. These reads are single statements that need
   * no transaction function: a managed transaction (executeQuery) adds BEGIN and COMMIT round trips
   * and doubles the driver's and the server's work per customer lookup, the hottest read of the
   * supergraph. What it gives up is the driver's retry of a transient cluster error, which reaches
   * the client as an error to retry instead.
   */
  private async read(query: string, params: Record<string, unknown>): Promise<QueryResult> {
    const session = causalSession(this.driver, 'READ');
    try {
      return await session.run(query, params);
    } finally {
      await session.close();
    }
  }
}
