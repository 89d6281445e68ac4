/* eslint-disable @nx/enforce-module-boundaries -- the customer-360 read is the gateway bench's, shared across the tools' project boundary rather than written twice. */
import type { Operation } from './drill-load';
import { CUSTOMER_360_QUERY } from '../bench/gateway/customer-360.query';
import { ADDED_FIELD } from './next-version';

/** A customer the drill seeded, and how many touchpoints the load added to it. */
export interface DrillCustomer {
  id: string;
  email: string;
  added: number;
}

export const BY_EMAIL = /* GraphQL */ `
  query DrillByEmail($email: String!) {
    customerByIdentifier(type: EMAIL, value: $email) {
      id
      journey {
        totalCount
      }
      greeting {
        text
      }
    }
  }
`;

export const RECORD = /* GraphQL */ `
  mutation DrillRecord($input: [TouchpointInput!]!) {
    recordTouchpoints(input: $input) {
      accepted
      results {
        status
        reason
      }
    }
  }
`;

const WITH_ADDED_FIELD = /* GraphQL */ `
  query DrillAddedField($id: ID!) {
    customer(id: $id) {
      id
      ${ADDED_FIELD}
    }
  }
`;

type Data = Record<string, unknown>;
const idOf = (data: Data, field: string) => (data[field] as { id?: string } | null)?.id;

/** Round robin over the seeded customers, so every one is read and written alike. */
function rotation(customers: DrillCustomer[]) {
  let next = 0;
  return () => customers[next++ % customers.length] as DrillCustomer;
}

/** The customer-360 read (every subgraph), a lookup by email, and an ingest whose touchpoint goes through every worker. */
export function steadyMix(customers: DrillCustomer[], run: string): Operation[] {
  const reader = rotation(customers);
  const finder = rotation(customers);
  const writer = rotation(customers);
  let written = 0;
  return [
    {
      name: 'customer360',
      weight: 5,
      query: CUSTOMER_360_QUERY,
      variables: () => ({ id: reader().id }),
      check: (data) => (idOf(data, 'customer') ? null : 'no customer'),
    },
    {
      name: 'customerByEmail',
      weight: 3,
      query: BY_EMAIL,
      variables: () => ({ email: finder().email }),
      check: (data) => (idOf(data, 'customerByIdentifier') ? null : 'no customer'),
    },
    {
      name: 'recordTouchpoints',
      weight: 2,
      query: RECORD,
      variables: () => {
        const customer = writer();
        const messageId = `${run}-load-${written++}`;
        // Counted when sent: a touchpoint accepted under a failed answer still reaches the journey, and the end check must expect it.
        customer.added++;
        return { input: [{ messageId, type: 'page', channel: 'WEB', occurredAt: new Date().toISOString(), identifiers: { email: customer.email } }] };
      },
      check: (data) => {
        const result = data['recordTouchpoints'] as { accepted: number; results: { status: string; reason: string | null }[] };
        return result.accepted === 1 ? null : `not accepted: ${result.results.map((r) => r.reason ?? r.status).join(', ')}`;
      },
    },
  ];
}

/** The read of the field the new version added, joined to the mix once the gateway serves it. */
export function addedFieldRead(customers: DrillCustomer[]): Operation {
  const reader = rotation(customers);
  return {
    name: 'addedField',
    weight: 2,
    query: WITH_ADDED_FIELD,
    variables: () => ({ id: reader().id }),
    check: (data) => (idOf(data, 'customer') ? null : 'no customer'),
  };
}

export const ADDED_FIELD_QUERY = WITH_ADDED_FIELD;
