/**
 * Writes take locks in a fixed order (the touchpoint, identifiers by key, then customers by id) and
 * read only after holding them, so a concurrent merge can neither move an identifier under us nor
 * miss one we add.
 */
export const LOCK_CUSTOMERS = `
UNWIND $customerIds AS cid
MATCH (c:Customer {id: cid})
SET c.lockedAt = datetime($now)
RETURN c.id AS id, c.mergedInto AS mergedInto`;

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
                 absorbedIds: row.absorbedIds, absorbedLineage: row.absorbedLineage, ns: $ns})
CREATE (m)-[:INTO]->(s)
WITH m, row
UNWIND row.absorbedIds AS aid
MATCH (a:Customer {id: aid})
CREATE (m)-[:ABSORBED]->(a)`;

export const RECORD_CONFLICTS = `
UNWIND $conflicts AS x
MATCH (c:Customer {id: x.customerId}), (o:Customer {id: x.otherCustomerId})
CREATE (k:Conflict {id: x.id, at: datetime($now), type: x.type, reason: x.reason, viaKey: x.viaKey, messageId: x.messageId,
                    customerIds: [x.customerId, x.otherCustomerId], ns: $ns})
CREATE (k)-[:INVOLVES]->(c), (k)-[:INVOLVES]->(o)`;

const WITH_LINEAGE = `
WITH c
OPTIONAL MATCH (x:Customer {mergedInto: c.id})
WITH c, x ORDER BY x.id
RETURN c.version AS version, collect(x.id) AS lineage`;

export const BUMP_VERSION = `
MATCH (c:Customer {id: $customerId})
SET c.version = c.version + 1, c.updatedAt = datetime($now)
${WITH_LINEAGE}`;

export const READ_VERSION = `MATCH (c:Customer {id: $customerId}) ${WITH_LINEAGE}`;

export const LINEAGE = `MATCH (x:Customer {mergedInto: $customerId}) RETURN x.id AS id ORDER BY id`;

/** Per row `id` ({key, type, value, links}): the identifier locked (created if new), and `c` its owner if it links. */
export const MERGE_IDENTIFIER_WITH_OWNER = `
MERGE (i:Identifier {key: id.key})
  ON CREATE SET i.type = id.type, i.value = id.value, i.firstSeenAt = datetime($now), i.ns = $ns
SET i.lastSeenAt = datetime($now)
WITH i, id
OPTIONAL MATCH (c:Customer)-[:HAS_IDENTIFIER]->(i)
WHERE id.links`;

/**
 * The first step of a resolution in one round trip: lock the touchpoint (a replay ends here, with
 * its customer), then lock the identifiers in key order and report who holds each linking one.
 */
export const OPEN_RESOLUTION = `
MERGE (t:Touchpoint {messageId: $messageId})
  ON CREATE SET t.ns = $ns, t.createdAt = datetime($now)
WITH t
OPTIONAL MATCH (tc:Customer)-[:HAS_TOUCHPOINT]->(t)
CALL (tc) {
  WITH tc WHERE tc IS NULL
  UNWIND $identifiers AS id
  ${MERGE_IDENTIFIER_WITH_OWNER}
  RETURN collect({key: i.key, customerId: c.id}) AS owners
}
RETURN tc.id AS replayOf, owners`;

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

/**
 * The last step in one round trip: the customer (created if new), its new identifiers (each
 * remembering the customer it came from), the touchpoint with its traits and blocking keys, and,
 * when asked, the version raised; returns the version and lineage.
 */
export const FINISH_RESOLUTION = `
MERGE (c:Customer {id: $customerId})
  ON CREATE SET c.createdAt = datetime($now), c.updatedAt = datetime($now), c.version = 0, c.ns = $ns
WITH c
CALL (c) {
  UNWIND $keys AS key
  MATCH (i:Identifier {key: key})
  MERGE (c)-[r:HAS_IDENTIFIER]->(i)
    ON CREATE SET r.since = datetime($now), r.viaMessageId = $messageId, r.origin = $customerId
}
CALL (c) {
  MATCH (t:Touchpoint {messageId: $messageId})
  SET t.origin = $customerId, t.channel = $channel, t.source = $source, t.occurredAt = datetime($occurredAt),
      t.traits = $traits, t.displayTraits = $displayTraits, t.rule = $rule
  CREATE (c)-[:HAS_TOUCHPOINT]->(t)
  WITH t
  UNWIND $blockKeys AS bk
  MERGE (b:Block {key: bk})
    ON CREATE SET b.ns = $ns
  CREATE (t)-[:IN_BLOCK]->(b)
}
SET c.version = c.version + CASE WHEN $bump THEN 1 ELSE 0 END,
    c.updatedAt = CASE WHEN $bump THEN datetime($now) ELSE c.updatedAt END
${WITH_LINEAGE}`;
