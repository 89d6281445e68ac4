/**
 * Statements every writer of customers shares: resolution, the review queue and unmerge. Writes take
 * locks in a fixed order (touchpoints, identifiers by key, then customers by id) and read only after
 * holding them, so a concurrent merge can neither move an identifier under them nor miss one they add.
 */

// Relationships move with their origin, so an unmerge can send each back where it came from. Each
// row names the customer absorbed and the one now holding what it held; no row's survivor is
// another row's absorbed customer.
export const ABSORB_CUSTOMERS = `
UNWIND $absorbed AS row
MATCH (a:Customer {id: row.id}), (s:Customer {id: row.rootId})
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

export const RECORD_MERGES = `
UNWIND $merges AS row
MATCH (s:Customer {id: row.survivorId})
CREATE (m:Merge {id: row.mergeId, at: datetime($now), by: row.by, rule: row.rule, score: row.score, evidence: row.evidence,
                 absorbedIds: row.absorbedIds, absorbedLineage: row.absorbedLineage})
CREATE (m)-[:INTO]->(s)
WITH m, row
UNWIND row.absorbedIds AS aid
MATCH (a:Customer {id: aid})
CREATE (m)-[:ABSORBED]->(a)`;

export const BUMP_VERSION = `
MATCH (c:Customer {id: $customerId})
SET c.version = c.version + 1, c.updatedAt = datetime($now)
RETURN c.version AS version`;

export const LINEAGE = `MATCH (x:Customer {mergedInto: $customerId}) RETURN x.id AS id ORDER BY id`;

/**
 * Locks the owners (in id order) and reads what planning needs of each, and what an outcome
 * reports (version, lineage), in one round trip.
 */
export const LOCK_OWNERS = `
UNWIND $customerIds AS cid
MATCH (c:Customer {id: cid})
SET c.lockedAt = datetime($now)
WITH c
OPTIONAL MATCH (c)-[:HAS_IDENTIFIER]->(i:Identifier)
WITH c, collect(i.key) AS keys
OPTIONAL MATCH (x:Customer {mergedInto: c.id})
WITH c, keys, collect(x) AS absorbed
UNWIND [c] + absorbed AS member
OPTIONAL MATCH (member)-[:NOT_SAME]-(p:Customer)
WITH c, keys, absorbed, collect(p) AS apart
RETURN c.id AS id, c.mergedInto AS mergedInto, toString(c.createdAt) AS createdAt, c.version AS version, keys,
       [a IN absorbed | a.id] AS lineage, [q IN apart | coalesce(q.mergedInto, q.id)] AS separatedFrom`;
