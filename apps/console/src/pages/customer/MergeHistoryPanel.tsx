import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../__generated__';
import { ErrorNotice, QueryState } from '../../components/QueryState';
import { formatDateTime } from '../../domain/format';

const CustomerMerges = graphql(`
  query CustomerMerges($id: ID!) {
    customer(id: $id) {
      id
      mergeHistory {
        id
        at
        by
        rule
        score
        absorbedCustomerIds
        undoneCustomerIds
      }
    }
  }
`);

const UnmergeCustomer = graphql(`
  mutation UnmergeCustomer($customerId: ID!, $reason: String!) {
    unmergeCustomer(customerId: $customerId, reason: $reason) {
      ok
      errorCode
      splitId
      movedTouchpoints
      restored {
        id
      }
    }
  }
`);

function UnmergeForm({ customerId, onDone }: { customerId: string; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [result, unmerge] = useMutation(UnmergeCustomer);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await unmerge({ customerId, reason });
    if (r.data?.unmergeCustomer.ok) onDone();
  }
  return (
    <form className="inline" onSubmit={submit}>
      <label>
        Reason for unmerging {customerId}
        <input value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} />
      </label>
      <button type="submit" className="danger" disabled={result.fetching}>
        Unmerge
      </button>
      {result.error && <ErrorNotice error={result.error} title="Unmerge refused" />}
      {result.data && !result.data.unmergeCustomer.ok && <p className="error">Not unmerged: {result.data.unmergeCustomer.errorCode}</p>}
    </form>
  );
}

/** Merges this customer absorbed, and (for stewards) unmerging one of them with a reason. */
export function MergeHistoryPanel({ customerId, canUnmerge }: { customerId: string; canUnmerge: boolean }) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: CustomerMerges, variables: { id: customerId } });
  return (
    <section className="card" aria-labelledby="merges-heading">
      <h2 id="merges-heading">Merge history</h2>
      <QueryState data={data} fetching={fetching} error={error} label="merge history">
        {({ customer }) =>
          !customer?.mergeHistory.length ? (
            <p className="muted">No merges.</p>
          ) : (
            <ul>
              {customer.mergeHistory.map((m) => (
                <li key={m.id}>
                  {formatDateTime(m.at)} · {m.rule}
                  {m.score !== null && m.score !== undefined && ` (weight ${m.score.toFixed(2)})`} by {m.by}: absorbed {m.absorbedCustomerIds.join(', ')}
                  {m.undoneCustomerIds.length > 0 && <span className="muted"> · undone for {m.undoneCustomerIds.join(', ')}</span>}
                  {canUnmerge &&
                    m.absorbedCustomerIds
                      .filter((id) => !m.undoneCustomerIds.includes(id))
                      .map((id) => <UnmergeForm key={id} customerId={id} onDone={() => refetch({ requestPolicy: 'network-only' })} />)}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}
