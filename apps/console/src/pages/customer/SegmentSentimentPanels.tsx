import type { CustomerInsightsQuery } from '../../__generated__/graphql';
import { formatDateTime } from '../../domain/format';
import { PROFILING_NOTICE, predictionsState, sentimentState, sentimentWords } from '../../domain/predictions';

type Customer = NonNullable<CustomerInsightsQuery['customer']>;

/**
 * The customer's segment. Customer.segment is null for three reasons; predictions (same purpose, same
 * operation) tell which: masked for the role, withheld by consent, or not segmented yet.
 */
export function SegmentPanel({ customer }: { customer: Customer }) {
  const state = predictionsState(customer.predictions);
  return (
    <section className="card" aria-labelledby="segment-heading">
      <h2 id="segment-heading">Segment</h2>
      {state !== 'shown' ? (
        <p className={state === 'masked' ? 'masked-notice' : 'notice'}>{PROFILING_NOTICE[state]}</p>
      ) : customer.segment ? (
        <>
          <p>
            <strong>{customer.segment.description}</strong>
          </p>
          <p className="muted">
            Segment {customer.segment.id} · assigned {formatDateTime(customer.segment.assignedAt)}
          </p>
        </>
      ) : (
        <p className="muted">Not segmented yet.</p>
      )}
    </section>
  );
}

/** How the customer's own words have felt lately: the trend, the newest text, and a sharp negative turn. */
export function SentimentPanel({ customer }: { customer: Customer }) {
  const s = customer.sentiment;
  const state = sentimentState(s);
  return (
    <section className="card" aria-labelledby="sentiment-heading">
      <h2 id="sentiment-heading">Sentiment</h2>
      {state !== 'shown' ? (
        <p className={state === 'masked' ? 'masked-notice' : 'notice'}>{PROFILING_NOTICE[state]}</p>
      ) : s.textCount === 0 ? (
        <p className="muted">No text from the customer scored yet.</p>
      ) : (
        <>
          <p>
            Trend: <strong>{sentimentWords(s.trend, s.label)}</strong> over {s.textCount} text{s.textCount === 1 ? '' : 's'}
          </p>
          <p className="muted">
            Newest: {sentimentWords(s.score, null)} · {formatDateTime(s.lastScoredAt)}
          </p>
          {s.negativeTurn && <p className="notice">A sharp negative turn in the newest texts.</p>}
        </>
      )}
    </section>
  );
}
