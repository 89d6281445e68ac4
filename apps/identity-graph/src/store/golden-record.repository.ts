import type { PersonTraits } from '@c360/contracts';
import type { Driver } from 'neo4j-driver';
import type { Observation, SurvivingValue } from '../domain/survivorship';

const OBSERVATIONS = `
MATCH (:Customer {id: $id})-[:HAS_TOUCHPOINT]->(t:Touchpoint)
WHERE t.displayTraits IS NOT NULL
RETURN coalesce(t.source, t.channel) AS source, toString(t.occurredAt) AS observedAt, t.displayTraits AS traits`;

// Each contact identifier dated and sourced by the touchpoint that brought it.
const CONTACTS = `
MATCH (:Customer {id: $id})-[h:HAS_IDENTIFIER]->(i:Identifier)
WHERE i.type IN ['email', 'phone']
OPTIONAL MATCH (t:Touchpoint {messageId: h.viaMessageId})
RETURN i.type AS type, i.value AS value, coalesce(t.source, t.channel, 'unknown') AS source, toString(coalesce(t.occurredAt, h.since)) AS observedAt`;

/** What the golden record is chosen from: every observation of the customer's traits and contacts. */
export class GoldenRecordRepository {
  constructor(private readonly driver: Driver) {}

  async observations(customerId: string): Promise<Observation[]> {
    const res = await this.driver.executeQuery(OBSERVATIONS, { id: customerId }, { routing: 'READ' });
    return res.records.map((r) => ({
      source: r.get('source') as string,
      observedAt: new Date(r.get('observedAt') as string),
      traits: JSON.parse(r.get('traits') as string) as PersonTraits,
    }));
  }

  async contacts(customerId: string): Promise<{ emails: SurvivingValue[]; phones: SurvivingValue[] }> {
    const res = await this.driver.executeQuery(CONTACTS, { id: customerId }, { routing: 'READ' });
    const rows = res.records.map((r) => ({
      type: r.get('type') as string,
      value: r.get('value') as string,
      source: r.get('source') as string,
      observedAt: new Date(r.get('observedAt') as string),
    }));
    const pick = (type: string) => rows.filter((r) => r.type === type).map(({ value, source, observedAt }) => ({ value, source, observedAt }));
    return { emails: pick('email'), phones: pick('phone') };
  }
}
