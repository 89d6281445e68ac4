import type { Driver } from 'neo4j-driver';

const OWNERS = `
MATCH (c:Customer)-[:HAS_TOUCHPOINT]->(t:Touchpoint {ns: $ns})
RETURN t.messageId AS messageId, c.id AS customerId`;

/** Which customer each touchpoint of a namespace ended up with: how evaluation reads its clusters. */
export async function touchpointOwners(driver: Driver, ns: string): Promise<Map<string, string>> {
  const res = await driver.executeQuery(OWNERS, { ns }, { routing: 'READ' });
  return new Map(res.records.map((r) => [r.get('messageId') as string, r.get('customerId') as string]));
}
