import type { Driver, ManagedTransaction } from 'neo4j-driver';
import { causalSession } from './neo4j-driver';

/** What identity-graph held on a person, gathered before it is deleted (to scrub queued jobs too). */
export interface ErasedPerson {
  customers: number;
  identifiers: number;
  merges: number;
  touchpoints: number;
  /** Conflicts (whose viaKey is an identifier key), match reviews and split records naming the person. */
  records: number;
  identifierKeys: string[];
  messageIds: string[];
}

// The person: the ids asked about and every customer merged into them.
const PERSON_IDS = `
MATCH (c:Customer) WHERE c.id IN $ids OR c.mergedInto IN $ids
RETURN collect(c.id) AS ids`;

const IDENTIFIERS = `
MATCH (c:Customer)-[r:HAS_IDENTIFIER]->(i:Identifier) WHERE c.id IN $ids
RETURN i.key AS key, i.type AS type, i.value AS value, toString(i.firstSeenAt) AS firstSeenAt, r.viaMessageId AS messageId`;

// Merge nodes name absorbed ids in a property too, so one left without its relationships is still found.
const MERGES = `
MATCH (m:Merge) WHERE any(a IN m.absorbedIds WHERE a IN $ids) OR EXISTS { (m)-[:INTO|ABSORBED]->(c:Customer) WHERE c.id IN $ids }
RETURN m.id AS id, toString(m.at) AS at, m.rule AS rule, m.evidence AS evidence`;

const CUSTOMERS = `
MATCH (c:Customer) WHERE c.id IN $ids
RETURN c.id AS id, toString(c.createdAt) AS createdAt, c.version AS version, c.mergedInto AS mergedInto`;

// Touchpoint nodes carry matching traits (names, addresses) for probabilistic linking.
const TOUCHPOINTS = `
MATCH (t:Touchpoint) WHERE t.origin IN $ids OR EXISTS { (c:Customer)-[:HAS_TOUCHPOINT]->(t) WHERE c.id IN $ids }
OPTIONAL MATCH (t)-[:IN_BLOCK]->(b:Block)
RETURN t.messageId AS messageId, t.channel AS channel, toString(t.occurredAt) AS occurredAt, t.traits AS traits, collect(b.key) AS blockKeys`;

const RECORDS = `
MATCH (n) WHERE (n:Conflict OR n:Review OR n:Split)
  AND (EXISTS { (n)--(c:Customer) WHERE c.id IN $ids } OR any(x IN coalesce(n.customerIds, []) WHERE x IN $ids) OR n.restoredId IN $ids OR n.fromId IN $ids)
RETURN labels(n)[0] AS label, n.id AS id, n.messageId AS messageId`;

const DELETE_TOUCHPOINTS = 'MATCH (t:Touchpoint) WHERE t.messageId IN $messageIds DETACH DELETE t';
// Blocking keys derive from personal traits; a block no other touchpoint shares would still point at them.
const DELETE_ORPHAN_BLOCKS = 'MATCH (b:Block) WHERE b.key IN $blockKeys AND NOT EXISTS { (b)<-[:IN_BLOCK]-() } DETACH DELETE b';
const DELETE_RECORDS = 'MATCH (n) WHERE (n:Conflict OR n:Review OR n:Split) AND n.id IN $recordIds DETACH DELETE n';
const DELETE_IDENTIFIERS = 'MATCH (i:Identifier) WHERE i.key IN $keys DETACH DELETE i';
const DELETE_MERGES = 'MATCH (m:Merge) WHERE m.id IN $mergeIds DETACH DELETE m';
const DELETE_CUSTOMERS = 'MATCH (c:Customer) WHERE c.id IN $ids DETACH DELETE c';

async function personIds(tx: ManagedTransaction, ids: readonly string[]): Promise<string[]> {
  const res = await tx.run(PERSON_IDS, { ids });
  return [...new Set([...ids, ...((res.records[0]?.get('ids') as string[] | undefined) ?? [])])];
}

function messageIdOf(evidence: unknown): string | null {
  try {
    const parsed = JSON.parse(String(evidence)) as { messageId?: unknown };
    return typeof parsed.messageId === 'string' ? parsed.messageId : null;
  } catch {
    return null;
  }
}

/** Erasure, verification and export for identity-graph: the only Cypher that touches a whole person. */
export class IdentityPrivacyRepository {
  constructor(private readonly driver: Driver) {}

  /**
   * Deletes the person's customers, identifiers and merge records (whose evidence names identifier
   * keys) in one transaction, so a half-erased person is never visible. Idempotent: a second run finds nothing.
   */
  async erase(customerIds: readonly string[]): Promise<ErasedPerson> {
    const session = causalSession(this.driver);
    try {
      return await session.executeWrite(async (tx) => {
        const ids = await personIds(tx, customerIds);
        const identifiers = (await tx.run(IDENTIFIERS, { ids })).records;
        const merges = (await tx.run(MERGES, { ids })).records;
        const customers = (await tx.run(CUSTOMERS, { ids })).records;
        const touchpoints = (await tx.run(TOUCHPOINTS, { ids })).records;
        const records = (await tx.run(RECORDS, { ids })).records;
        const keys = [...new Set(identifiers.map((r) => r.get('key') as string))];
        const mergeIds = merges.map((r) => r.get('id') as string);
        const touchpointIds = touchpoints.map((r) => r.get('messageId') as string);
        await tx.run(DELETE_IDENTIFIERS, { keys });
        await tx.run(DELETE_MERGES, { mergeIds });
        await tx.run(DELETE_TOUCHPOINTS, { messageIds: touchpointIds });
        await tx.run(DELETE_ORPHAN_BLOCKS, { blockKeys: [...new Set(touchpoints.flatMap((r) => r.get('blockKeys') as string[]))] });
        await tx.run(DELETE_RECORDS, { recordIds: records.map((r) => r.get('id') as string) });
        await tx.run(DELETE_CUSTOMERS, { ids });
        const messageIds = [
          ...identifiers.map((r) => r.get('messageId') as string | null),
          ...merges.map((r) => messageIdOf(r.get('evidence'))),
          ...touchpointIds,
          ...records.map((r) => r.get('messageId') as string | null),
        ].filter((m): m is string => !!m);
        return {
          customers: customers.length,
          identifiers: keys.length,
          merges: mergeIds.length,
          touchpoints: touchpointIds.length,
          records: records.length,
          identifierKeys: keys,
          messageIds: [...new Set(messageIds)],
        };
      });
    } finally {
      await session.close();
    }
  }

  async remaining(customerIds: readonly string[]): Promise<Record<string, number>> {
    const session = causalSession(this.driver);
    try {
      return await session.executeRead(async (tx) => {
        const ids = await personIds(tx, customerIds);
        const counts: Record<string, number> = {};
        for (const [name, query] of [
          ['customers', CUSTOMERS],
          ['identifiers', IDENTIFIERS],
          ['merges', MERGES],
          ['touchpoints', TOUCHPOINTS],
          ['records', RECORDS],
        ] as const) {
          counts[name] = (await tx.run(query, { ids })).records.length;
        }
        return counts;
      });
    } finally {
      await session.close();
    }
  }

  async export(customerIds: readonly string[]): Promise<Record<string, unknown>> {
    const session = causalSession(this.driver);
    try {
      return await session.executeRead(async (tx) => {
        const ids = await personIds(tx, customerIds);
        const customers = await tx.run(CUSTOMERS, { ids });
        const identifiers = await tx.run(IDENTIFIERS, { ids });
        const merges = await tx.run(MERGES, { ids });
        const touchpoints = await tx.run(TOUCHPOINTS, { ids });
        return {
          touchpoints: touchpoints.records.map((r) => ({
            messageId: r.get('messageId'),
            channel: r.get('channel'),
            occurredAt: r.get('occurredAt'),
            traits: r.get('traits') ?? null,
          })),
          customers: customers.records.map((r) => ({
            id: r.get('id'),
            createdAt: r.get('createdAt'),
            version: r.get('version'),
            mergedInto: r.get('mergedInto') ?? null,
          })),
          identifiers: identifiers.records.map((r) => ({ type: r.get('type'), value: r.get('value'), firstSeenAt: r.get('firstSeenAt') })),
          merges: merges.records.map((r) => ({ id: r.get('id'), at: r.get('at'), rule: r.get('rule'), evidence: r.get('evidence') })),
        };
      });
    } finally {
      await session.close();
    }
  }
}
