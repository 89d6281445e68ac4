/**
 * Blocking: blocks are locked in key order before candidates are read, so two records that could
 * match each other are resolved one after the other, never both as new customers side by side.
 */
export const CANDIDATES = `
UNWIND $blockKeys AS bk
MERGE (b:Block {key: bk})
SET b.lockedAt = datetime($now)
WITH b
MATCH (b)<-[:IN_BLOCK]-(t:Touchpoint)<-[:HAS_TOUCHPOINT]-(c:Customer)
WHERE t.messageId <> $messageId AND t.traits IS NOT NULL
WITH DISTINCT t, c
LIMIT $limit
RETURN t.messageId AS messageId, c.id AS customerId, t.traits AS traits`;

export const OPEN_REVIEWS = `
UNWIND $reviews AS row
MATCH (s:Customer {id: row.subjectId}), (c:Customer {id: row.candidateId})
CREATE (r:Review {id: row.id, status: 'open', createdAt: datetime($now), score: row.score, comparisons: row.comparisons, messageId: row.messageId, ns: $ns})
CREATE (r)-[:SUBJECT]->(s), (r)-[:CANDIDATE]->(c)`;
