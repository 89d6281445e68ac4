import { useQuery } from 'urql';
import { graphql } from '../../__generated__';
import { QueryState } from '../../components/QueryState';
import { dueLabel, formatDateTime, humanise } from '../../domain/format';

const CustomerRequests = graphql(`
  query CustomerRequests($id: ID!) {
    customer(id: $id) {
      id
      dataSubjectRequests {
        id
        kind
        status
        receivedAt
        dueAt
        overdue
        completedAt
      }
    }
  }
`);

export function RequestsPanel({ customerId }: { customerId: string }) {
  const [{ data, fetching, error }] = useQuery({ query: CustomerRequests, variables: { id: customerId } });
  const now = new Date();
  return (
    <section className="card" aria-labelledby="dsr-heading">
      <h2 id="dsr-heading">Data-subject requests</h2>
      <QueryState data={data} fetching={fetching} error={error} label="data-subject requests">
        {({ customer }) =>
          !customer?.dataSubjectRequests.length ? (
            <p className="muted">None.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Kind</th>
                  <th scope="col">Status</th>
                  <th scope="col">Received</th>
                  <th scope="col">Due</th>
                </tr>
              </thead>
              <tbody>
                {customer.dataSubjectRequests.map((r) => (
                  <tr key={r.id}>
                    <td>{humanise(r.kind)}</td>
                    <td>{humanise(r.status)}</td>
                    <td>{formatDateTime(r.receivedAt)}</td>
                    <td className={r.overdue ? 'overdue' : undefined}>
                      {r.completedAt ? `completed ${formatDateTime(r.completedAt)}` : dueLabel(r.dueAt, now)}
                    </td>
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
