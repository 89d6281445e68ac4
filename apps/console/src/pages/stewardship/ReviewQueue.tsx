import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../__generated__';
import type { ReviewDecision, ReviewQueueQuery as ReviewQueueResult } from '../../__generated__/graphql';
import { Value } from '../../components/Masked';
import { ErrorNotice, QueryState } from '../../components/QueryState';
import { formatDateTime, humanise } from '../../domain/format';

const ReviewQueueDoc = graphql(`
  query ReviewQueue {
    identityReviews(status: OPEN, first: 50) {
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
      candidate {
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

function Record({ title, customer }: { title: string; customer: Review['subject'] }) {
  const g = customer.goldenRecord;
  return (
    <section className="card" aria-label={title}>
      <h3>
        {title} <span className="muted">{customer.id}</span>
      </h3>
      <dl>
        <dt>Name</dt>
        <dd>
          <Value value={g.givenName?.value} /> <Value value={g.familyName?.value} />
        </dd>
        <dt>Birth date</dt>
        <dd>
          <Value value={g.birthDate?.value} />
        </dd>
        <dt>Address</dt>
        <dd>
          <Value value={g.address ? [g.address.street, g.address.locality, g.address.postcode].filter(Boolean).join(', ') : null} />
        </dd>
        <dt>Identifiers</dt>
        <dd>
          <ul>
            {customer.identifiers.map((id, i) => (
              <li key={i}>
                {id.type ? humanise(id.type) : id.typeName}: <Value value={id.value} />
              </li>
            ))}
          </ul>
        </dd>
      </dl>
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
        <Record title="Incoming record" customer={review.subject} />
        <Record title="Best match" customer={review.candidate} />
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
  const [{ data, fetching, error }, refetch] = useQuery({ query: ReviewQueueDoc });
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
