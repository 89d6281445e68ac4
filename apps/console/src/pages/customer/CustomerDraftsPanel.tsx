import { useQuery } from 'urql';
import { graphql } from '../../__generated__';
import { Value } from '../../components/Masked';
import { QueryState } from '../../components/QueryState';
import { formatDateTime, humanise } from '../../domain/format';

const CustomerDrafts = graphql(`
  query CustomerDrafts($id: ID!) {
    customer(id: $id) {
      id
      contentDrafts {
        id
        channel
        purpose
        status
        version
        createdAt
        reviewedAt
        rejectionReason
        variants {
          index
          body
        }
      }
    }
  }
`);

/** Content generation drafted for this customer, newest first, with its review status. */
export function CustomerDraftsPanel({ customerId }: { customerId: string }) {
  const [{ data, fetching, error }] = useQuery({ query: CustomerDrafts, variables: { id: customerId } });
  return (
    <section className="card" aria-labelledby="customer-drafts-heading">
      <h2 id="customer-drafts-heading">Drafts</h2>
      <QueryState data={data} fetching={fetching} error={error} label="drafts">
        {({ customer }) =>
          !customer?.contentDrafts.length ? (
            <p className="muted">No drafts.</p>
          ) : (
            <ul>
              {customer.contentDrafts.map((d) => (
                <li key={d.id}>
                  {humanise(d.purpose)} · {humanise(d.channel)} · <strong>{humanise(d.status)}</strong> · version {d.version} · {formatDateTime(d.createdAt)}
                  {d.rejectionReason && <span className="muted"> · reason: {d.rejectionReason}</span>}
                  <br />
                  <Value value={d.variants[0]?.body} />
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}
