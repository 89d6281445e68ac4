import type { Driver } from 'neo4j-driver';

/**
 * The benchmark's baseline: the same customers, identifiers and touchpoints written with one batched
 * UNWIND … MERGE per batch and no resolution logic, the fastest way to get them into Neo4j.
 */
const RAW_MERGE = `
UNWIND $rows AS row
MERGE (c:Customer {id: row.customerId})
  ON CREATE SET c.createdAt = datetime(), c.version = 0
MERGE (t:Touchpoint {messageId: row.messageId})
MERGE (c)-[:HAS_TOUCHPOINT]->(t)
WITH c, row
UNWIND row.keys AS key
MERGE (i:Identifier {key: key})
MERGE (c)-[:HAS_IDENTIFIER]->(i)`;

export interface RawRow {
  customerId: string;
  messageId: string;
  keys: string[];
}

export async function rawMergeBatch(driver: Driver, rows: readonly RawRow[]): Promise<void> {
  await driver.executeQuery(RAW_MERGE, { rows });
}

const DELETE_SOME = 'MATCH (n) WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS n';

/** Empties the benchmark's private database between its two phases, so the baseline starts where resolution did. */
export async function emptyPrivateDatabase(driver: Driver): Promise<void> {
  for (;;) {
    const res = await driver.executeQuery(DELETE_SOME);
    if ((res.records[0]?.get('n') as number | undefined) === 0) return;
  }
}
