/**
 * Resolution's statements: each takes a whole batch in one round trip (UNWIND), and locks in the
 * order every writer of customers does (touchpoints, identifiers by key, then customers by id; see
 * merge.cypher.ts), so resolutions, reviews and unmerges can run side by side.
 */

/** Locks the batch's touchpoints (sorted messageIds) and says which are already resolved (a replay). */
export const OPEN_TOUCHPOINTS = `
UNWIND $messageIds AS mid
MERGE (t:Touchpoint {messageId: mid})
  ON CREATE SET t.createdAt = datetime($now)
WITH t, mid
OPTIONAL MATCH (tc:Customer)-[:HAS_TOUCHPOINT]->(t)
RETURN mid AS messageId, tc.id AS replayOf`;

/** Locks the identifiers (sorted by key), creating new ones, and reports who holds each linking one. */
export const OPEN_IDENTIFIERS = `
UNWIND $identifiers AS id
MERGE (i:Identifier {key: id.key})
  ON CREATE SET i.type = id.type, i.value = id.value, i.firstSeenAt = datetime($now)
SET i.lastSeenAt = datetime($now)
WITH i, id
OPTIONAL MATCH (c:Customer)-[:HAS_IDENTIFIER]->(i)
WHERE id.links
RETURN i.key AS key, head(collect(c.id)) AS ownerId`;

/** New customers created, and each changed customer's version set to where the batch left it (it holds their locks). */
export const WRITE_CUSTOMERS = `
UNWIND $customers AS row
MERGE (c:Customer {id: row.customerId})
  ON CREATE SET c.createdAt = datetime($now)
SET c.version = row.version, c.updatedAt = datetime($now)`;

/** Identifiers linked to the customers holding them, each remembering the touchpoint and customer it came with. */
export const LINK_IDENTIFIERS = `
UNWIND $links AS row
MATCH (c:Customer {id: row.holderId})
MATCH (i:Identifier {key: row.key})
MERGE (c)-[r:HAS_IDENTIFIER]->(i)
  ON CREATE SET r.since = datetime($now), r.viaMessageId = row.messageId, r.origin = row.originId`;

/** Touchpoints attached to the customers holding them, with what the golden record and matching read of them. */
export const ATTACH_TOUCHPOINTS = `
UNWIND $touchpoints AS row
MATCH (c:Customer {id: row.holderId})
MATCH (t:Touchpoint {messageId: row.messageId})
SET t.origin = row.originId, t.channel = row.channel, t.source = row.source, t.occurredAt = datetime(row.occurredAt),
    t.traits = row.traits, t.displayTraits = row.displayTraits, t.rule = row.rule
CREATE (c)-[:HAS_TOUCHPOINT]->(t)`;

/** Blocking keys (sorted, so concurrent batches lock them in one order) for future probabilistic matches. */
export const ADD_TO_BLOCKS = `
UNWIND $entries AS row
MERGE (b:Block {key: row.key})
WITH b, row
MATCH (t:Touchpoint {messageId: row.messageId})
CREATE (t)-[:IN_BLOCK]->(b)`;

/**
 * Locks the blocks (sorted keys) that records of the batch may be matched in, and reads the stored
 * records in each with the customer holding it: while the batch holds a block, no other resolution
 * can add a record to it, so two records that could match are never both made new customers side by side.
 */
export const BLOCK_CANDIDATES = `
UNWIND $blockKeys AS bk
MERGE (b:Block {key: bk})
SET b.lockedAt = datetime($now)
WITH b
CALL (b) {
  MATCH (b)<-[:IN_BLOCK]-(t:Touchpoint)<-[:HAS_TOUCHPOINT]-(c:Customer)
  WHERE t.traits IS NOT NULL
  RETURN t, c
  LIMIT $limit
}
RETURN b.key AS key, collect({messageId: t.messageId, customerId: c.id, traits: t.traits}) AS records`;

export const RECORD_CONFLICTS = `
UNWIND $conflicts AS x
MATCH (c:Customer {id: x.customerId}), (o:Customer {id: x.otherCustomerId})
CREATE (k:Conflict {id: x.id, at: datetime($now), type: x.type, reason: x.reason, viaKey: x.viaKey, messageId: x.messageId,
                    customerIds: [x.customerId, x.otherCustomerId]})
CREATE (k)-[:INVOLVES]->(c), (k)-[:INVOLVES]->(o)`;

export const OPEN_REVIEWS = `
UNWIND $reviews AS row
MATCH (s:Customer {id: row.subjectId}), (c:Customer {id: row.candidateId})
CREATE (r:Review {id: row.id, status: 'open', createdAt: datetime($now), score: row.score, comparisons: row.comparisons, messageId: row.messageId})
CREATE (r)-[:SUBJECT]->(s), (r)-[:CANDIDATE]->(c)`;
