import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../__generated__';
import type { DraftQueueQuery } from '../../__generated__/graphql';
import { Value } from '../../components/Masked';
import { ErrorNotice, QueryState } from '../../components/QueryState';
import { formatDateTime, humanise } from '../../domain/format';

const DraftQueueDoc = graphql(`
  query DraftQueue {
    drafts(status: PENDING_REVIEW, first: 20) {
      id
      customerId
      channel
      purpose
      brief
      version
      createdAt
      variants {
        index
        subject
        headline
        body
        callToAction
      }
    }
  }
`);

const ApproveDraft = graphql(`
  mutation ApproveDraft($id: ID!) {
    approveDraft(id: $id) {
      id
      status
    }
  }
`);
const RejectDraft = graphql(`
  mutation RejectDraft($id: ID!, $reason: String!) {
    rejectDraft(id: $id, reason: $reason) {
      id
      status
    }
  }
`);
const EditDraft = graphql(`
  mutation EditDraft($id: ID!, $variants: [ContentVariantInput!]!, $note: String) {
    editDraft(id: $id, variants: $variants, note: $note) {
      id
      version
    }
  }
`);

type Draft = DraftQueueQuery['drafts'][number];

function DraftReview({ draft, canDecide, onDone }: { draft: Draft; canDecide: boolean; onDone: () => void }) {
  const [bodies, setBodies] = useState(draft.variants.map((v) => v.body));
  const [reason, setReason] = useState('');
  const [approval, approve] = useMutation(ApproveDraft);
  const [rejection, reject] = useMutation(RejectDraft);
  const [edit, saveEdit] = useMutation(EditDraft);
  const error = approval.error ?? rejection.error ?? edit.error;
  async function submitReject(e: FormEvent) {
    e.preventDefault();
    if ((await reject({ id: draft.id, reason })).data) onDone();
  }
  return (
    <section className="card" aria-label={`Draft ${draft.id}`}>
      <h3>
        {humanise(draft.purpose)} · {humanise(draft.channel)} <span className="muted">for {draft.customerId}</span>
      </h3>
      <p className="muted">
        Brief: {draft.brief} · version {draft.version} · {formatDateTime(draft.createdAt)}
      </p>
      {draft.variants.map((v, i) => (
        <div key={v.index}>
          <h4>Variant {v.index}</h4>
          {v.subject && (
            <p>
              Subject: <Value value={v.subject} />
            </p>
          )}
          {v.headline && (
            <p>
              Headline: <Value value={v.headline} />
            </p>
          )}
          {canDecide ? (
            <label>
              Body of variant {v.index}
              <textarea rows={4} value={bodies[i]} onChange={(e) => setBodies((b) => b.map((x, j) => (j === i ? e.target.value : x)))} />
            </label>
          ) : (
            <p>
              <Value value={v.body} />
            </p>
          )}
        </div>
      ))}
      {error && <ErrorNotice error={error} title="Decision refused" />}
      {canDecide && (
        <div className="chart-toolbar" style={{ marginTop: '0.5rem' }}>
          <button type="button" onClick={() => void approve({ id: draft.id }).then((r) => r.data && onDone())}>
            Approve
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() =>
              void saveEdit({
                id: draft.id,
                variants: draft.variants.map((v, i) => ({ subject: v.subject, headline: v.headline, callToAction: v.callToAction, body: bodies[i] ?? v.body })),
              }).then((r) => r.data && onDone())
            }
          >
            Save edits
          </button>
          <form className="inline" onSubmit={submitReject}>
            <label>
              Reason to reject
              <input value={reason} onChange={(e) => setReason(e.target.value)} required />
            </label>
            <button type="submit" className="danger">
              Reject
            </button>
          </form>
        </div>
      )}
    </section>
  );
}

/** generation's drafts waiting for review: approve, edit or reject (marketers decide; others read). */
export function DraftQueue({ canDecide }: { canDecide: boolean }) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: DraftQueueDoc });
  return (
    <section className="card" aria-labelledby="drafts-heading">
      <h2 id="drafts-heading">Drafts waiting for review</h2>
      <QueryState data={data} fetching={fetching} error={error} label="drafts">
        {({ drafts }) =>
          drafts.length === 0 ? (
            <p className="muted">Nothing waits for review.</p>
          ) : (
            drafts.map((d) => (
              <DraftReview key={`${d.id}-${d.version}`} draft={d} canDecide={canDecide} onDone={() => refetch({ requestPolicy: 'network-only' })} />
            ))
          )
        }
      </QueryState>
    </section>
  );
}
