/**
 * Writes take locks in a fixed order (the touchpoint, identifiers by key, then customers by id) and
 * read only after holding them, so a concurrent merge can neither move an identifier under us nor
 * miss one we add.
 */
export const LOCK_TOUCHPOINT = `
MERGE (t:Touchpoint {messageId: $messageId})
  ON CREATE SET t.ns = $ns, t.createdAt = datetime($now)
WITH t
OPTIONAL MATCH (c:Customer)-[:HAS_TOUCHPOINT]->(t)
RETURN c.id AS customerId, c.version AS version`;

export const LOCK_IDENTIFIERS = `
UNWIND $identifiers AS id
MERGE (i:Identifier {key: id.key})
  ON CREATE SET i.type = id.type, i.value = id.value, i.firstSeenAt = datetime($now), i.ns = $ns
SET i.lastSeenAt = datetime($now)
WITH i, id
OPTIONAL MATCH (c:Customer)-[:HAS_IDENTIFIER]->(i)
WHERE id.links
RETURN i.key AS key, c.id AS customerId`;

export const LOCK_CUSTOMERS = `
UNWIND $customerIds AS cid
MATCH (c:Customer {id: cid})
SET c.lockedAt = datetime($now)
RETURN c.id AS id, c.mergedInto AS mergedInto`;

// The keys a customer holds and the customers it was separated from (directly or through any
// customer merged into it), each followed to its current survivor.
export const OWNER_STATE = `
UNWIND $customerIds AS cid
MATCH (c:Customer {id: cid})
OPTIONAL MATCH (c)-[:HAS_IDENTIFIER]->(i:Identifier)
WITH c, collect(i.key) AS keys
OPTIONAL MATCH (x:Customer {mergedInto: c.id})
WITH c, keys, [c] + collect(x) AS line
UNWIND line AS member
OPTIONAL MATCH (member)-[:NOT_SAME]-(p:Customer)
RETURN c.id AS id, toString(c.createdAt) AS createdAt, keys, [q IN collect(p) | coalesce(q.mergedInto, q.id)] AS separatedFrom`;

export const CREATE_CUSTOMER = `
CREATE (c:Customer {id: $customerId, createdAt: datetime($now), updatedAt: datetime($now), version: 0, ns: $ns})`;

// Relationships move with their origin, so an unmerge can send each back where it came from.
export const ABSORB_CUSTOMERS = `
MATCH (s:Customer {id: $survivorId})
UNWIND $absorbedIds AS aid
MATCH (a:Customer {id: aid})
OPTIONAL MATCH (earlier:Customer {mergedInto: a.id})
WITH s, a, collect(earlier.id) AS lineage
SET a.mergedInto = s.id, a.mergedAt = datetime($now)
WITH s, a, lineage
CALL (s, a) {
  MATCH (a)-[r:HAS_IDENTIFIER]->(i:Identifier)
  MERGE (s)-[n:HAS_IDENTIFIER]->(i)
    ON CREATE SET n.since = r.since, n.viaMessageId = r.viaMessageId, n.origin = coalesce(r.origin, a.id)
  DELETE r
}
CALL (s, a) {
  MATCH (a)-[r:HAS_TOUCHPOINT]->(t:Touchpoint)
  CREATE (s)-[:HAS_TOUCHPOINT]->(t)
  DELETE r
}
CALL (s, a) {
  MATCH (earlier:Customer {mergedInto: a.id})
  SET earlier.mergedInto = s.id
}
RETURN a.id AS id, lineage`;

export const RECORD_MERGE = `
MATCH (s:Customer {id: $survivorId})
CREATE (m:Merge {id: $mergeId, at: datetime($now), by: $by, rule: $rule, score: $score, evidence: $evidence,
                 absorbedIds: $absorbedIds, absorbedLineage: $absorbedLineage, ns: $ns})
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
  ON CREATE SET r.since = datetime($now), r.viaMessageId = $messageId, r.origin = $customerId`;

export const LINK_TOUCHPOINT = `
MATCH (c:Customer {id: $customerId}), (t:Touchpoint {messageId: $messageId})
SET t.origin = $customerId, t.channel = $channel, t.source = $source, t.occurredAt = datetime($occurredAt),
    t.traits = $traits, t.rule = $rule
CREATE (c)-[:HAS_TOUCHPOINT]->(t)
WITH t
UNWIND $blockKeys AS bk
MERGE (b:Block {key: bk})
  ON CREATE SET b.ns = $ns
CREATE (t)-[:IN_BLOCK]->(b)`;

export const RECORD_CONFLICTS = `
UNWIND $conflicts AS x
MATCH (c:Customer {id: $customerId}), (o:Customer {id: x.otherCustomerId})
CREATE (k:Conflict {id: x.id, at: datetime($now), type: x.type, reason: x.reason, viaKey: x.viaKey, messageId: $messageId,
                    customerIds: [$customerId, x.otherCustomerId], ns: $ns})
CREATE (k)-[:INVOLVES]->(c), (k)-[:INVOLVES]->(o)`;

export const BUMP_VERSION = `
MATCH (c:Customer {id: $customerId})
SET c.version = c.version + 1, c.updatedAt = datetime($now)
RETURN c.version AS version`;

export const READ_VERSION = `MATCH (c:Customer {id: $customerId}) RETURN c.version AS version`;

export const LINEAGE = `MATCH (x:Customer {mergedInto: $customerId}) RETURN x.id AS id ORDER BY id`;
