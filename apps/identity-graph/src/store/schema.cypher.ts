/**
 * Constraints and indexes, created at start. The uniqueness constraints are what make concurrent
 * resolution safe: MERGE on a unique key takes a lock, so two jobs sharing an identifier serialise.
 */
export const SCHEMA_STATEMENTS = [
  'CREATE CONSTRAINT identifier_key IF NOT EXISTS FOR (i:Identifier) REQUIRE i.key IS UNIQUE',
  'CREATE CONSTRAINT customer_id IF NOT EXISTS FOR (c:Customer) REQUIRE c.id IS UNIQUE',
  'CREATE CONSTRAINT merge_id IF NOT EXISTS FOR (m:Merge) REQUIRE m.id IS UNIQUE',
  // Following a merged-away id to its survivor, and listing a survivor's lineage.
  'CREATE INDEX customer_merged_into IF NOT EXISTS FOR (c:Customer) ON (c.mergedInto)',
];
