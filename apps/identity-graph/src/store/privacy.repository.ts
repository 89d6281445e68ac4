import type { Driver } from 'neo4j-driver';

/**
 * Erasure removes the person's customers and everything hanging off them: identifiers no other
 * customer holds, touchpoints (with their traits), and the merge, split, conflict and review records
 * whose evidence names their identifiers.
 */
const ERASE = `
MATCH (c:Customer) WHERE c.id IN $ids
OPTIONAL MATCH (c)-[:HAS_IDENTIFIER]->(i:Identifier)
WHERE NOT EXISTS { MATCH (o:Customer)-[:HAS_IDENTIFIER]->(i) WHERE NOT o.id IN $ids }
WITH collect(DISTINCT c) AS customers, collect(DISTINCT i) AS identifiers
CALL (customers) {
  UNWIND customers AS c
  OPTIONAL MATCH (c)-[:HAS_TOUCHPOINT]->(t:Touchpoint)
  OPTIONAL MATCH (c)<-[:INTO|ABSORBED|INVOLVES|SUBJECT|CANDIDATE|RESTORED|FROM]-(x)
  RETURN collect(DISTINCT t) AS touchpoints, collect(DISTINCT x) AS records
}
WITH customers, identifiers, touchpoints, records, size(customers) AS nc, size(identifiers) AS ni, size(touchpoints) AS nt, size(records) AS nr
FOREACH (n IN records | DETACH DELETE n)
FOREACH (n IN touchpoints | DETACH DELETE n)
FOREACH (n IN identifiers | DETACH DELETE n)
FOREACH (n IN customers | DETACH DELETE n)
RETURN nc AS customers, ni AS identifiers, nt AS touchpoints, nr AS records`;

const REMAINING = `
MATCH (c:Customer) WHERE c.id IN $ids
OPTIONAL MATCH (c)-[:HAS_IDENTIFIER]->(i:Identifier)
OPTIONAL MATCH (c)-[:HAS_TOUCHPOINT]->(t:Touchpoint)
RETURN count(DISTINCT c) AS customers, count(DISTINCT i) AS identifiers, count(DISTINCT t) AS touchpoints`;

const HELD = `
MATCH (c:Customer) WHERE c.id IN $ids
OPTIONAL MATCH (c)-[:HAS_IDENTIFIER]->(i:Identifier)
OPTIONAL MATCH (c)-[:HAS_TOUCHPOINT]->(t:Touchpoint)
RETURN c.id AS id, toString(c.createdAt) AS createdAt, collect(DISTINCT {type: i.type, value: i.value}) AS identifiers,
       collect(DISTINCT {messageId: t.messageId, source: t.source, occurredAt: toString(t.occurredAt), traits: t.displayTraits}) AS touchpoints`;

/** Data-subject work on the identity graph. */
export class PrivacyRepository {
  constructor(private readonly driver: Driver) {}

  async erase(customerIds: readonly string[]): Promise<Record<string, number>> {
    const res = await this.driver.executeQuery(ERASE, { ids: [...customerIds] });
    const row = res.records[0];
    return row ? { customers: row.get('customers') as number, identifiers: row.get('identifiers') as number, touchpoints: row.get('touchpoints') as number, records: row.get('records') as number } : { customers: 0, identifiers: 0, touchpoints: 0, records: 0 };
  }

  async remaining(customerIds: readonly string[]): Promise<Record<string, number>> {
    const row = (await this.driver.executeQuery(REMAINING, { ids: [...customerIds] }, { routing: 'READ' })).records[0];
    return { customers: (row?.get('customers') as number) ?? 0, identifiers: (row?.get('identifiers') as number) ?? 0, touchpoints: (row?.get('touchpoints') as number) ?? 0 };
  }

  async held(customerIds: readonly string[]): Promise<Record<string, unknown>[]> {
    const res = await this.driver.executeQuery(HELD, { ids: [...customerIds] }, { routing: 'READ' });
    return res.records.map((r) => ({
      customerId: r.get('id') as string,
      createdAt: r.get('createdAt') as string,
      identifiers: (r.get('identifiers') as { type: string | null }[]).filter((i) => i.type !== null),
      touchpoints: (r.get('touchpoints') as { messageId: string | null; traits: string | null }[])
        .filter((t) => t.messageId !== null)
        .map((t) => ({ ...t, traits: t.traits ? (JSON.parse(t.traits) as unknown) : null })),
    }));
  }
}
