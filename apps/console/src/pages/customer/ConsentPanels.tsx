import { useId } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../__generated__';
import { QueryState } from '../../components/QueryState';
import { formatDateTime, humanise } from '../../domain/format';

const CustomerConsents = graphql(`
  query CustomerConsents($id: ID!) {
    customer(id: $id) {
      id
      consents {
        purpose
        channel
        status
        source
        lawfulBasis
        policyVersion
        recordedAt
        isDefault
      }
    }
  }
`);

const CustomerConsentHistory = graphql(`
  query CustomerConsentHistory($id: ID!) {
    customer(id: $id) {
      id
      consentHistory {
        purpose
        channel
        status
        source
        lawfulBasis
        policyVersion
        recordedAt
        recordedBy
      }
    }
  }
`);

export function ConsentsPanel({ customerId }: { customerId: string }) {
  const [{ data, fetching, error }] = useQuery({ query: CustomerConsents, variables: { id: customerId } });
  return (
    <section className="card" aria-labelledby="consents-heading">
      <h2 id="consents-heading">Consents in force</h2>
      <QueryState data={data} fetching={fetching} error={error} label="consents">
        {({ customer }) =>
          customer && customer.consents.length === 0 ? (
            <p className="muted">Masked for your role, or none recorded.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Purpose</th>
                  <th scope="col">Channel</th>
                  <th scope="col">Status</th>
                  <th scope="col">Source</th>
                  <th scope="col">Recorded</th>
                </tr>
              </thead>
              <tbody>
                {customer?.consents.map((c, i) => (
                  <tr key={i}>
                    <td>{humanise(c.purpose)}</td>
                    <td>{c.channel ? humanise(c.channel) : 'all'}</td>
                    <td>
                      {humanise(c.status)}
                      {c.isDefault && <span className="muted"> (default)</span>}
                    </td>
                    <td>{c.source}</td>
                    <td>{formatDateTime(c.recordedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </section>
  );
}

/** The consent ledger: every entry ever recorded, with who recorded it. */
export function ConsentHistoryPanel({ customerId }: { customerId: string }) {
  const [{ data, fetching, error }] = useQuery({ query: CustomerConsentHistory, variables: { id: customerId } });
  // Compliance may hold one ledger on its page (kept behind an opened customer) and one in the 360: ids stay unique.
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Consent ledger</h2>
      <QueryState data={data} fetching={fetching} error={error} label="the consent ledger">
        {({ customer }) =>
          !customer?.consentHistory.length ? (
            <p className="muted">No consent recorded.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Recorded</th>
                  <th scope="col">Purpose</th>
                  <th scope="col">Channel</th>
                  <th scope="col">Status</th>
                  <th scope="col">Source</th>
                  <th scope="col">By</th>
                </tr>
              </thead>
              <tbody>
                {customer.consentHistory.map((c, i) => (
                  <tr key={i}>
                    <td>{formatDateTime(c.recordedAt)}</td>
                    <td>{humanise(c.purpose)}</td>
                    <td>{c.channel ? humanise(c.channel) : 'all'}</td>
                    <td>{humanise(c.status)}</td>
                    <td>{c.source}</td>
                    <td>{c.recordedBy}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </section>
  );
}
