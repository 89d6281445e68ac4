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
MERGE (i:Identifier {key: id.key})
  ON CREATE SET i.type = id.type, i.value = id.value, i.firstSeenAt = datetime($now), i.ns = $ns
SET i.lastSeenAt = datetime($now)
WITH i, id
OPTIONAL MATCH (c:Customer)-[:HAS_IDENTIFIER]->(i)
WHERE id.links
RETURN i.key AS key, head(collect(c.id)) AS ownerId`;

/** Locks customers (sorted ids) and reads what planning and outcomes need of each. */
export const LOCK_CUSTOMER_STATES = `
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

/** New customers created, and each changed customer's version set to where the batch left it (it holds their locks). */
export const WRITE_CUSTOMERS = `
UNWIND $customers AS row
MERGE (c:Customer {id: row.customerId})
  ON CREATE SET c.createdAt = datetime($now), c.ns = $ns
SET c.version = row.version, c.updatedAt = datetime($now)`;

/** Identifiers linked to their customers, each remembering the touchpoint and customer it came with. */
export const LINK_IDENTIFIERS = `
UNWIND $links AS row
MATCH (c:Customer {id: row.customerId})
MATCH (i:Identifier {key: row.key})
MERGE (c)-[r:HAS_IDENTIFIER]->(i)
  ON CREATE SET r.since = datetime($now), r.viaMessageId = row.messageId, r.origin = row.customerId`;

/** Touchpoints attached to their customers, with what the golden record and matching read of them. */
export const ATTACH_TOUCHPOINTS = `
UNWIND $touchpoints AS row
MATCH (c:Customer {id: row.customerId})
MATCH (t:Touchpoint {messageId: row.messageId})
SET t.origin = row.customerId, t.channel = row.channel, t.source = row.source, t.occurredAt = datetime(row.occurredAt),
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
