import type { Driver } from 'neo4j-driver';

/**
 * The benchmark's baseline: the same customers, identifiers and touchpoints written with one batched
 * UNWIND … MERGE per batch and no resolution logic, the fastest way to get them into Neo4j.
 */
const RAW_MERGE = `
UNWIND $rows AS row
MERGE (c:Customer {id: row.customerId})
  ON CREATE SET c.ns = $ns, c.createdAt = datetime(), c.version = 0
MERGE (t:Touchpoint {messageId: row.messageId})
  ON CREATE SET t.ns = $ns
MERGE (c)-[:HAS_TOUCHPOINT]->(t)
WITH c, row
UNWIND row.keys AS key
MERGE (i:Identifier {key: key})
  ON CREATE SET i.ns = $ns
MERGE (c)-[:HAS_IDENTIFIER]->(i)`;

export interface RawRow {
  customerId: string;
  messageId: string;
  keys: string[];
}

export async function rawMergeBatch(driver: Driver, ns: string, rows: readonly RawRow[]): Promise<void> {
  await driver.executeQuery(RAW_MERGE, { rows, ns });
}
