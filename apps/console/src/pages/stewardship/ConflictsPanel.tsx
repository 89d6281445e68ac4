import { useQuery } from 'urql';
import { graphql } from '../../__generated__';
import { QueryState } from '../../components/QueryState';
import { formatDateTime } from '../../domain/format';

const IdentityConflictsQuery = graphql(`
  query IdentityConflicts {
    identityConflicts(first: 20) {
      id
      at
      identifierType
      reason
      customerIds
    }
  }
`);

/** Customers merge protection kept apart, newest first. */
export function ConflictsPanel() {
  const [{ data, fetching, error }] = useQuery({ query: IdentityConflictsQuery });
  return (
    <section className="card" aria-labelledby="conflicts-heading">
      <h2 id="conflicts-heading">Merge-protection conflicts</h2>
      <QueryState data={data} fetching={fetching} error={error} label="conflicts">
        {({ identityConflicts }) =>
          identityConflicts.length === 0 ? (
            <p className="muted">None.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Identifier type</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Customers</th>
                </tr>
              </thead>
              <tbody>
                {identityConflicts.map((c) => (
                  <tr key={c.id}>
                    <td>{formatDateTime(c.at)}</td>
                    <td>{c.identifierType}</td>
                    <td>{c.reason}</td>
                    <td>{c.customerIds.join(' / ')}</td>
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
