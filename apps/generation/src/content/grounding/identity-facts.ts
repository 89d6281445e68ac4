import type { Caller } from '@c360/auth';
import type { GroundingFact, PersonalDetails } from '../../domain/content/grounding';
import type { SubgraphClient } from './subgraph-client';

const QUERY = /* GraphQL */ `
  query ($id: ID!) {
    _entities(representations: [{ __typename: "Customer", id: $id }]) {
      ... on Customer {
        goldenRecord {
          givenName {
            value
          }
          familyName {
            value
          }
          address {
            locality
            postcode
            region
            country
          }
          emails {
            value
          }
          phones {
            value
          }
        }
      }
    }
  }
`;

interface Sourced {
  value: string;
}
interface Golden {
  givenName?: Sourced | null;
  familyName?: Sourced | null;
  address?: { locality?: string | null; postcode?: string | null; region?: string | null; country?: string | null } | null;
  emails?: Sourced[];
  phones?: Sourced[];
}

const MASKED = '[masked]';
/** A value field access withheld from this caller is no value at all. */
const real = (v: string | null | undefined): string | undefined => (v && v !== MASKED ? v : undefined);

/** Golden-record traits from identity-graph: names and contacts stay personal, region and country are facts. */
export async function identityFacts(
  client: SubgraphClient,
  caller: Caller,
  customerId: string,
): Promise<{ facts: GroundingFact[]; personal: PersonalDetails }> {
  const data = await client.query<{ _entities: ({ goldenRecord?: Golden } | null)[] }>(caller, QUERY, { id: customerId });
  const golden = data._entities[0]?.goldenRecord;
  const personal: PersonalDetails = {
    givenName: real(golden?.givenName?.value),
    familyName: real(golden?.familyName?.value),
    locality: real(golden?.address?.locality),
    postcode: real(golden?.address?.postcode),
    emails: (golden?.emails ?? []).flatMap((e) => real(e.value) ?? []),
    phones: (golden?.phones ?? []).flatMap((p) => real(p.value) ?? []),
  };
  const facts: GroundingFact[] = [];
  const region = real(golden?.address?.region);
  const country = real(golden?.address?.country);
  if (region) facts.push({ source: 'identity-graph', key: 'region', value: region });
  if (country) facts.push({ source: 'identity-graph', key: 'country', value: country });
  return { facts, personal };
}
