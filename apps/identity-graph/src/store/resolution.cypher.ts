/**
 * Writes take locks in a fixed order (identifiers by key, then customers by id) and read only after
 * holding them, so a concurrent merge can neither move an identifier under us nor miss one we add.
 */
export const LOCK_IDENTIFIERS = `
UNWIND $identifiers AS id
MERGE (i:Identifier {key: id.key})
  ON CREATE SET i.type = id.type, i.value = id.value, i.firstSeenAt = datetime($now)
SET i.lastSeenAt = datetime($now)
WITH i
OPTIONAL MATCH (c:Customer)-[:HAS_IDENTIFIER]->(i)
RETURN i.key AS key, c.id AS customerId, toString(c.createdAt) AS createdAt`;

export const CREATE_CUSTOMER = `
CREATE (c:Customer {id: $customerId, createdAt: datetime($now), updatedAt: datetime($now), version: 0})`;

export const LOCK_CUSTOMERS = `
UNWIND $customerIds AS cid
MATCH (c:Customer {id: cid})
SET c.lockedAt = datetime($now)
RETURN c.id AS id, c.mergedInto AS mergedInto`;

export const ABSORB_CUSTOMERS = `
MATCH (s:Customer {id: $survivorId})
UNWIND $absorbedIds AS aid
MATCH (a:Customer {id: aid})
SET a.mergedInto = s.id, a.mergedAt = datetime($now)
WITH s, a
CALL (s, a) {
  MATCH (a)-[r:HAS_IDENTIFIER]->(i:Identifier)
  MERGE (s)-[n:HAS_IDENTIFIER]->(i)
    ON CREATE SET n.since = r.since, n.viaMessageId = r.viaMessageId
  DELETE r
}
CALL (s, a) {
  MATCH (earlier:Customer {mergedInto: a.id})
  SET earlier.mergedInto = s.id
}`;

export const RECORD_MERGE = `
MATCH (s:Customer {id: $survivorId})
CREATE (m:Merge {id: $mergeId, at: datetime($now), by: $by, rule: $rule, evidence: $evidence, absorbedIds: $absorbedIds})
CREATE (m)-[:INTO]->(s)
WITH m
UNWIND $absorbedIds AS aid
MATCH (a:Customer {id: aid})
CREATE (m)-[:ABSORBED]->(a)`;

export const LINK_IDENTIFIERS = `
MATCH (c:Customer {id: $customerId})
UNWIND $keys AS key
MATCH (i:Identifier {key: key})
MERGE (c)-[r:HAS_IDENTIFIER]->(i)
  ON CREATE SET r.since = datetime($now), r.viaMessageId = $messageId`;

export const BUMP_VERSION = `
MATCH (c:Customer {id: $customerId})
SET c.version = c.version + 1, c.updatedAt = datetime($now)
RETURN c.version AS version`;

export const READ_VERSION = `MATCH (c:Customer {id: $customerId}) RETURN c.version AS version`;

export const LINEAGE = `MATCH (x:Customer {mergedInto: $customerId}) RETURN x.id AS id ORDER BY id`;
