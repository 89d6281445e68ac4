import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../__generated__';
import type { ReviewDecision, ReviewQueueQuery as ReviewQueueResult } from '../../__generated__/graphql';
import { OpenCustomerButton } from '../../app/customer-link';
import { Value } from '../../components/Masked';
import { ErrorNotice, QueryState } from '../../components/QueryState';
import { formatDateTime, humanise } from '../../domain/format';

const ReviewQueueDoc = graphql(`
  query ReviewQueue($first: Int!) {
    identityReviews(status: OPEN, first: $first) {
      id
      createdAt
      score
      messageId
      comparisons {
        field
        level
        weight
      }
      subject {
        id
      }
      candidate {
        id
      }
    }
  }
`);

// One operation per record, so a support agent (cleared for one customer per operation) sees both.
const ReviewRecord = graphql(`
  query ReviewRecord($id: ID!) {
    customer(id: $id) {
      id
      identifiers {
        type
        typeName
        value
      }
      goldenRecord {
        givenName {
          value
          source
        }
        familyName {
          value
          source
        }
        birthDate {
          value
          source
        }
        address {
          street
          locality
          postcode
          source
        }
      }
    }
  }
`);

const ResolveReview = graphql(`
  mutation ResolveReview($id: ID!, $decision: ReviewDecision!) {
    resolveIdentityReview(id: $id, decision: $decision) {
      ok
      errorCode
      customer {
        id
      }
    }
  }
`);

type Review = ReviewQueueResult['identityReviews'][number];

function Record({ title, customerId }: { title: string; customerId: string }) {
  const [{ data, fetching, error }] = useQuery({ query: ReviewRecord, variables: { id: customerId } });
  return (
    <section className="card" aria-label={title}>
      <h3>
        {title} <span className="muted">{customerId}</span>
      </h3>
      <OpenCustomerButton customerId={customerId} />
      <QueryState data={data} fetching={fetching} error={error} label={title.toLowerCase()}>
        {({ customer }) =>
          !customer ? (
            <p className="muted">No longer exists.</p>
          ) : (
            <dl>
              <dt>Name</dt>
              <dd>
                <Value value={customer.goldenRecord.givenName?.value} /> <Value value={customer.goldenRecord.familyName?.value} />
              </dd>
              <dt>Birth date</dt>
              <dd>
                <Value value={customer.goldenRecord.birthDate?.value} />
              </dd>
              <dt>Address</dt>
              <dd>
                <Value
                  value={
                    customer.goldenRecord.address
                      ? [customer.goldenRecord.address.street, customer.goldenRecord.address.locality, customer.goldenRecord.address.postcode]
                          .filter(Boolean)
                          .join(', ')
                      : null
                  }
                />
              </dd>
              <dt>Identifiers</dt>
              <dd>
                {customer.identifiers.length === 0 ? (
                  <span className="muted">none</span>
                ) : (
                  <ul>
                    {customer.identifiers.map((id, i) => (
                      <li key={i}>
                        {id.type ? humanise(id.type) : id.typeName}: <Value value={id.value} />
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </dl>
          )
        }
      </QueryState>
    </section>
  );
}

function ReviewDetail({ review, onResolved }: { review: Review; onResolved: (message: string) => void }) {
  const [result, resolve] = useMutation(ResolveReview);
  async function decide(decision: ReviewDecision) {
    const r = await resolve({ id: review.id, decision });
    const answer = r.data?.resolveIdentityReview;
    if (answer?.ok) onResolved(decision === 'MERGE' ? `Merged into ${answer.customer?.id ?? 'the survivor'}.` : 'Kept apart for good.');
  }
  return (
    <section className="card" aria-labelledby="review-detail-heading">
      <h2 id="review-detail-heading">
        Review {review.id} <span className="muted">score {review.score.toFixed(2)}</span>
      </h2>
      <div className="side-by-side">
        <Record title="Incoming record" customerId={review.subject.id} />
        <Record title="Best match" customerId={review.candidate.id} />
      </div>
      <h3>Match evidence</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Agreement</th>
            <th scope="col">Weight</th>
          </tr>
        </thead>
        <tbody>
          {review.comparisons.map((c) => (
            <tr key={c.field}>
              <td>{c.field}</td>
              <td>{c.level}</td>
              <td>{c.weight.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="chart-toolbar" style={{ marginTop: '0.7rem' }}>
        <button type="button" onClick={() => void decide('MERGE')} disabled={result.fetching}>
          Accept: merge
        </button>
        <button type="button" className="danger" onClick={() => void decide('REJECT')} disabled={result.fetching}>
          Reject: keep apart
        </button>
      </div>
      {result.error && <ErrorNotice error={result.error} title="Decision refused" />}
      {result.data && !result.data.resolveIdentityReview.ok && <p className="error">Not resolved: {result.data.resolveIdentityReview.errorCode}</p>}
    </section>
  );
}

/** Probable matches waiting for a person: both records side by side with the evidence, then merge or reject. */
export function ReviewQueue() {
  // The gateway's cost limit (5,000) allows about 120 reviews with their evidence in one operation.
  const [first, setFirst] = useState(50);
  const [{ data, fetching, error }, refetch] = useQuery({ query: ReviewQueueDoc, variables: { first } });
  const [openId, setOpenId] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <>
      <section className="card" aria-labelledby="queue-heading">
        <h2 id="queue-heading">Review queue</h2>
        {message && (
          <p className="notice" role="status">
            {message}
          </p>
        )}
        <label style={{ display: 'inline-flex', marginBottom: '0.5rem' }}>
          Oldest open reviews shown
          <select value={first} onChange={(e) => setFirst(Number(e.target.value))}>
            {[50, 100].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <QueryState data={data} fetching={fetching} error={error} label="the review queue">
          {({ identityReviews }) =>
            identityReviews.length === 0 ? (
              <p className="muted">No open reviews.</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">Created</th>
                    <th scope="col">Score</th>
                    <th scope="col">Records</th>
                    <th scope="col">
                      <span className="muted">Action</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {identityReviews.map((r) => (
                    <tr key={r.id}>
                      <td>{formatDateTime(r.createdAt)}</td>
                      <td>{r.score.toFixed(2)}</td>
                      <td>
                        {r.subject.id} ↔ {r.candidate.id}
                      </td>
                      <td>
                        <button type="button" className="secondary" onClick={() => setOpenId(r.id)} aria-label={`Open review ${r.id}`}>
                          Open
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </QueryState>
      </section>
      {openId &&
        data?.identityReviews
          .filter((r) => r.id === openId)
          .map((r) => (
            <ReviewDetail
              key={r.id}
              review={r}
              onResolved={(m) => {
                setMessage(`Review ${r.id}: ${m}`);
                setOpenId(null);
                refetch({ requestPolicy: 'network-only' });
              }}
            />
          ))}
    </>
  );
}
