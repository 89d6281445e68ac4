import { useQuery } from 'urql';
import { graphql } from '../../__generated__';
import { Value } from '../../components/Masked';
import { QueryState } from '../../components/QueryState';
import { formatDateTime, humanise } from '../../domain/format';

const CustomerProfile = graphql(`
  query CustomerProfile($id: ID!) {
    customer(id: $id) {
      id
      createdAt
      updatedAt
      version
      restricted
      identifiers {
        type
        typeName
        value
        firstSeenAt
      }
      goldenRecord {
        givenName {
          value
          source
          observedAt
        }
        familyName {
          value
          source
          observedAt
        }
        birthDate {
          value
          source
          observedAt
        }
        gender {
          value
          source
          observedAt
        }
        address {
          streetNumber
          street
          addressLine2
          locality
          postcode
          region
          country
          source
          observedAt
        }
        emails {
          value
          source
          observedAt
        }
        phones {
          value
          source
          observedAt
        }
      }
    }
  }
`);

interface Sourced {
  value: string;
  source: string;
  observedAt: string;
}

function SourcedRow({ label, value }: { label: string; value: Sourced | null | undefined }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>
        <Value value={value?.value} />
      </td>
      <td>{value?.source ?? '—'}</td>
      <td>{value ? formatDateTime(value.observedAt) : '—'}</td>
    </tr>
  );
}

/** Identifiers with where they were first seen, and the golden record with the source of each value. */
export function ProfilePanels({ customerId }: { customerId: string }) {
  const [{ data, fetching, error }] = useQuery({ query: CustomerProfile, variables: { id: customerId } });
  return (
    <QueryState data={data} fetching={fetching} error={error} label="the customer profile">
      {({ customer }) =>
        !customer ? (
          <p className="notice">This customer no longer exists (erased).</p>
        ) : (
          <div className="grid">
            <section className="card" aria-labelledby="ids-heading">
              <h2 id="ids-heading">Identifiers</h2>
              <p className="muted">
                Customer {customer.id} · version {customer.version} · created {formatDateTime(customer.createdAt)}
                {customer.restricted && <strong className="overdue"> · processing restricted</strong>}
              </p>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Type</th>
                    <th scope="col">Value</th>
                    <th scope="col">First seen</th>
                  </tr>
                </thead>
                <tbody>
                  {customer.identifiers.map((id, i) => (
                    <tr key={i}>
                      <td>{id.type ? humanise(id.type) : id.typeName}</td>
                      <td>
                        <Value value={id.value} />
                      </td>
                      <td>{formatDateTime(id.firstSeenAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section className="card" aria-labelledby="golden-heading">
              <h2 id="golden-heading">Golden record</h2>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Attribute</th>
                    <th scope="col">Value</th>
                    <th scope="col">Source</th>
                    <th scope="col">Observed</th>
                  </tr>
                </thead>
                <tbody>
                  <SourcedRow label="Given name" value={customer.goldenRecord.givenName} />
                  <SourcedRow label="Family name" value={customer.goldenRecord.familyName} />
                  <SourcedRow label="Birth date" value={customer.goldenRecord.birthDate} />
                  <SourcedRow label="Gender" value={customer.goldenRecord.gender} />
                  {customer.goldenRecord.emails.map((e, i) => (
                    <SourcedRow key={`e${i}`} label="Email" value={e} />
                  ))}
                  {customer.goldenRecord.phones.map((p, i) => (
                    <SourcedRow key={`p${i}`} label="Phone" value={p} />
                  ))}
                  {customer.goldenRecord.address && (
                    <tr>
                      <th scope="row">Address</th>
                      <td>
                        <Value
                          value={[
                            customer.goldenRecord.address.streetNumber,
                            customer.goldenRecord.address.street,
                            customer.goldenRecord.address.locality,
                            customer.goldenRecord.address.postcode,
                          ]
                            .filter(Boolean)
                            .join(' ')}
                        />{' '}
                        {customer.goldenRecord.address.country}
                      </td>
                      <td>{customer.goldenRecord.address.source}</td>
                      <td>{formatDateTime(customer.goldenRecord.address.observedAt)}</td>
                    </tr>
                  )}
                </tbody>
              </table>
            </section>
          </div>
        )
      }
    </QueryState>
  );
}
