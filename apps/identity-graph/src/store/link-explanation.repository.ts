import type { Driver } from 'neo4j-driver';
import { MERGE_FIELDS, toMerge, type MergeRecord } from './customer-read.repository';

export interface LinkExplanation {
  customerId: string;
  identifier: { type: string; value: string; firstSeenAt: Date };
  linkedAt: Date;
  viaMessageId: string | null;
  originCustomerId: string;
  merges: MergeRecord[];
}

const LINK = `
MATCH (x:Customer {id: $id})
OPTIONAL MATCH (s:Customer {id: x.mergedInto})
WITH coalesce(s, x) AS c
MATCH (c)-[h:HAS_IDENTIFIER]->(i:Identifier {key: $key})
RETURN c.id AS customerId, i.type AS type, i.value AS value, toString(i.firstSeenAt) AS firstSeenAt,
       toString(h.since) AS since, h.viaMessageId AS viaMessageId, coalesce(h.origin, c.id) AS origin`;

// The merge that carried a customer (still absorbed) into another.
const ABSORBING_MERGE = `
MATCH (m:Merge)-[ab:ABSORBED]->(:Customer {id: $id})
WHERE ab.undoneAt IS NULL
MATCH (m)-[:INTO]->(next:Customer)
WITH m, next, [] AS undoneIds
RETURN ${MERGE_FIELDS}, next.id AS next
ORDER BY m.at DESC LIMIT 1`;

const MAX_HOPS = 50;

/** Why an identifier belongs to a customer: where it was first linked and the merges since. */
export class LinkExplanationRepository {
  constructor(private readonly driver: Driver) {}

  async explain(customerId: string, key: string): Promise<LinkExplanation | null> {
    const res = await this.driver.executeQuery(LINK, { id: customerId, key }, { routing: 'READ' });
    const r = res.records[0];
    if (!r) return null;
    const root = r.get('customerId') as string;
    const origin = r.get('origin') as string;
    const merges: MergeRecord[] = [];
    for (let at = origin, hops = 0; at !== root && hops < MAX_HOPS; hops++) {
      const step = (await this.driver.executeQuery(ABSORBING_MERGE, { id: at }, { routing: 'READ' })).records[0];
      if (!step) break;
      merges.push(toMerge(step));
      at = step.get('next') as string;
    }
    return {
      customerId: root,
      identifier: { type: r.get('type') as string, value: r.get('value') as string, firstSeenAt: new Date(r.get('firstSeenAt') as string) },
      linkedAt: new Date(r.get('since') as string),
      viaMessageId: (r.get('viaMessageId') as string | null) ?? null,
      originCustomerId: origin,
      merges,
    };
  }
}
