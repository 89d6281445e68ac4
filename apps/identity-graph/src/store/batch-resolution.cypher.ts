import { MERGE_IDENTIFIER_WITH_OWNER } from './resolution.cypher';

/**
 * The batch path's statements: each takes a whole batch in one round trip (UNWIND), and locks in the
 * order one-at-a-time resolution does (touchpoints, identifiers by key, then customers by id), so
 * the two kinds of transaction can run side by side.
 */

/** Locks the batch's touchpoints (sorted messageIds) and says which are already resolved (a replay). */
export const OPEN_TOUCHPOINTS = `
UNWIND $messageIds AS mid
MERGE (t:Touchpoint {messageId: mid})
  ON CREATE SET t.ns = $ns, t.createdAt = datetime($now)
WITH t, mid
OPTIONAL MATCH (tc:Customer)-[:HAS_TOUCHPOINT]->(t)
RETURN mid AS messageId, tc.id AS replayOf`;

/** Locks the identifiers (sorted by key), creating new ones, and reports who holds each linking one. */
export const OPEN_IDENTIFIERS = `
UNWIND $identifiers AS id
${MERGE_IDENTIFIER_WITH_OWNER}
RETURN i.key AS key, head(collect(c.id)) AS ownerId`;

/** New customers created, and each changed customer's version set to where the batch left it (it holds their locks). */
export const WRITE_CUSTOMERS = `
UNWIND $customers AS row
MERGE (c:Customer {id: row.customerId})
  ON CREATE SET c.createdAt = datetime($now), c.ns = $ns
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
  ON CREATE SET b.ns = $ns
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
  ON CREATE SET b.ns = $ns
SET b.lockedAt = datetime($now)
WITH b
CALL (b) {
  MATCH (b)<-[:IN_BLOCK]-(t:Touchpoint)<-[:HAS_TOUCHPOINT]-(c:Customer)
  WHERE t.traits IS NOT NULL
  RETURN t, c
  LIMIT $limit
}
RETURN b.key AS key, collect({messageId: t.messageId, customerId: c.id, traits: t.traits}) AS records`;
