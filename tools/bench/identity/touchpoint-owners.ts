import type { Driver } from 'neo4j-driver';

const OWNERS = `
MATCH (c:Customer)-[:HAS_TOUCHPOINT]->(t:Touchpoint)
RETURN t.messageId AS messageId, c.id AS customerId`;

/** Which customer each touchpoint ended up with: how the evaluation reads the clusters it formed (the database is its own). */
export async function touchpointOwners(driver: Driver): Promise<Map<string, string>> {
  const res = await driver.executeQuery(OWNERS, {}, { routing: 'READ' });
  return new Map(res.records.map((r) => [r.get('messageId') as string, r.get('customerId') as string]));
}
