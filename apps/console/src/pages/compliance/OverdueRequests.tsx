import { useQuery } from 'urql';
import { graphql } from '../../__generated__';
import { QueryState } from '../../components/QueryState';
import { dueLabel, humanise } from '../../domain/format';
import { orderRequests } from '../../domain/requests';

const OverdueRequestsQuery = graphql(`
  query OverdueRequests {
    overdueRequests {
      id
      kind
      status
      customerId
      dueAt
      overdue
      completedAt
    }
  }
`);

export function OverdueRequests({ onOpen }: { onOpen: (id: string) => void }) {
  const [{ data, fetching, error }] = useQuery({ query: OverdueRequestsQuery });
  return (
    <section className="card" aria-labelledby="overdue-heading">
      <h2 id="overdue-heading">Overdue requests</h2>
      <QueryState data={data} fetching={fetching} error={error} label="overdue requests">
        {({ overdueRequests }) =>
          overdueRequests.length === 0 ? (
            <p className="muted">No request is past its due date.</p>
          ) : (
            <ul>
              {orderRequests(overdueRequests).map((r) => (
                <li key={r.id}>
                  <span className="overdue">{dueLabel(r.dueAt, new Date())}</span> · {humanise(r.kind)} · {humanise(r.status)} ·{' '}
                  <button type="button" className="secondary" onClick={() => onOpen(r.id)}>
                    Open {r.id}
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}
