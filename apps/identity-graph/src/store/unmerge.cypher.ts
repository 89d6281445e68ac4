/** The latest merge that absorbed this customer and has not been undone, and where its data is now. */
export const ACTIVE_MERGE = `
MATCH (a:Customer {id: $customerId})<-[ab:ABSORBED]-(m:Merge)-[:INTO]->(s:Customer)
WHERE ab.undoneAt IS NULL AND a.mergedInto IS NOT NULL
RETURN m.id AS mergeId, s.id AS survivorId, coalesce(s.mergedInto, s.id) AS rootId, m.absorbedLineage AS lineage
ORDER BY m.at DESC LIMIT 1`;

export const LOCK_PAIR = `
MATCH (c:Customer) WHERE c.id IN $ids
SET c.lockedAt = datetime($now)
RETURN c.id AS id, c.mergedInto AS mergedInto`;

// Identifiers and touchpoints go back to the customer they came from: their origin is the restored
// customer or one it had absorbed before this merge.
export const MOVE_BACK = `
MATCH (r:Customer {id: $rootId}), (a:Customer {id: $restoredId})
CALL (r, a) {
  MATCH (r)-[h:HAS_IDENTIFIER]->(i:Identifier) WHERE h.origin IN $origins
  CREATE (a)-[n:HAS_IDENTIFIER]->(i)
  SET n = properties(h)
  DELETE h
}
CALL (r, a) {
  MATCH (r)-[h:HAS_TOUCHPOINT]->(t:Touchpoint) WHERE t.origin IN $origins
  CREATE (a)-[:HAS_TOUCHPOINT]->(t)
  DELETE h
}
REMOVE a.mergedInto, a.mergedAt
WITH a
MATCH (x:Customer) WHERE x.id IN $lineage
SET x.mergedInto = a.id`;

export const RECORD_SPLIT = `
MATCH (m:Merge {id: $mergeId})-[ab:ABSORBED]->(a:Customer {id: $restoredId}), (s:Customer {id: $survivorId}), (r:Customer {id: $rootId})
SET ab.undoneAt = datetime($now), ab.undoneBy = $by
CREATE (a)-[:NOT_SAME {at: datetime($now), splitId: $splitId}]->(s)
CREATE (sp:Split {id: $splitId, at: datetime($now), by: $by, reason: $reason, mergeId: $mergeId, restoredId: $restoredId, fromId: $rootId})
CREATE (sp)-[:RESTORED]->(a), (sp)-[:FROM]->(r), (sp)-[:UNDID]->(m)`;

export const TOUCHPOINTS_OF = `
UNWIND $ids AS cid
MATCH (c:Customer {id: cid})
OPTIONAL MATCH (c)-[:HAS_TOUCHPOINT]->(t:Touchpoint)
RETURN c.id AS customerId, collect(t.messageId) AS messageIds`;
