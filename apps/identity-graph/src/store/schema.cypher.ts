/**
 * Constraints and indexes, created at start. The uniqueness constraints are what make concurrent
 * resolution safe: MERGE on a unique key takes a lock, so two jobs sharing an identifier (or a
 * touchpoint, or a blocking key) serialise.
 */
export const SCHEMA_STATEMENTS = [
  'CREATE CONSTRAINT identifier_key IF NOT EXISTS FOR (i:Identifier) REQUIRE i.key IS UNIQUE',
  'CREATE CONSTRAINT customer_id IF NOT EXISTS FOR (c:Customer) REQUIRE c.id IS UNIQUE',
  'CREATE CONSTRAINT merge_id IF NOT EXISTS FOR (m:Merge) REQUIRE m.id IS UNIQUE',
  'CREATE CONSTRAINT touchpoint_message_id IF NOT EXISTS FOR (t:Touchpoint) REQUIRE t.messageId IS UNIQUE',
  'CREATE CONSTRAINT block_key IF NOT EXISTS FOR (b:Block) REQUIRE b.key IS UNIQUE',
  'CREATE CONSTRAINT conflict_id IF NOT EXISTS FOR (x:Conflict) REQUIRE x.id IS UNIQUE',
  'CREATE CONSTRAINT review_id IF NOT EXISTS FOR (r:Review) REQUIRE r.id IS UNIQUE',
  'CREATE CONSTRAINT split_id IF NOT EXISTS FOR (s:Split) REQUIRE s.id IS UNIQUE',
  // Following a merged-away id to its survivor, and listing a survivor's lineage.
  'CREATE INDEX customer_merged_into IF NOT EXISTS FOR (c:Customer) ON (c.mergedInto)',
  'CREATE INDEX review_status IF NOT EXISTS FOR (r:Review) ON (r.status, r.createdAt)',
  'CREATE INDEX conflict_at IF NOT EXISTS FOR (k:Conflict) ON (k.at)',
];
