import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../__generated__';
import type { DraftQueueQuery } from '../../__generated__/graphql';
import { Value } from '../../components/Masked';
import { ErrorNotice } from '../../components/QueryState';
import { formatDateTime, humanise } from '../../domain/format';
import type { DraftRights } from './DraftQueue';

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
      rejectionReason
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

function Variants({ draft, editable, bodies, setBody }: { draft: Draft; editable: boolean; bodies: string[]; setBody: (i: number, v: string) => void }) {
  return (
    <>
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
          {editable ? (
            <label>
              Body of variant {v.index}
              <textarea rows={4} value={bodies[i]} onChange={(e) => setBody(i, e.target.value)} />
            </label>
          ) : (
            <p>
              <Value value={v.body} />
            </p>
          )}
        </div>
      ))}
    </>
  );
}

/** Every version is kept by generation: the writer's first, then one per edit. */
function History({ draft }: { draft: Draft }) {
  if (draft.versions.length < 2) return null;
  return (
    <details>
      <summary>{draft.versions.length} versions</summary>
      <ol>
        {draft.versions.map((v) => (
          <li key={v.version}>
            Version {v.version} by {v.editedBy}, {formatDateTime(v.editedAt)}
            {v.note && <span className="muted"> · {v.note}</span>}
          </li>
        ))}
      </ol>
    </details>
  );
}

/** One draft: its variants, history and the decisions the role may take. */
export function DraftReview({ draft, rights, onDone }: { draft: Draft; rights: DraftRights; onDone: () => void }) {
  const [bodies, setBodies] = useState(draft.variants.map((v) => v.body));
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [approval, approve] = useMutation(ApproveDraft);
  const [rejection, reject] = useMutation(RejectDraft);
  const [edit, saveEdit] = useMutation(EditDraft);
  const error = approval.error ?? rejection.error ?? edit.error;
  const edited = draft.variants.some((v, i) => bodies[i] !== v.body);
  async function submitReject(e: FormEvent) {
    e.preventDefault();
    if ((await reject({ id: draft.id, reason: reason.trim() })).data) onDone();
  }
  async function submitEdit() {
    const variants = draft.variants.map((v, i) => ({ subject: v.subject, headline: v.headline, callToAction: v.callToAction, body: bodies[i] ?? v.body }));
    if ((await saveEdit({ id: draft.id, variants, note: note.trim() || null })).data) onDone();
  }
  return (
    <section className="card" aria-label={`Draft ${draft.id}`}>
      <h3>
        {humanise(draft.purpose)} · {humanise(draft.channel)} <span className="muted">for customer {draft.customerId}</span>
      </h3>
      <p className="muted">
        Brief: <Value value={draft.brief} /> · version {draft.version} · {formatDateTime(draft.createdAt)}
      </p>
      {draft.status !== 'PENDING_REVIEW' && (
        <p>
          <strong>{humanise(draft.status)}</strong> by {draft.reviewedBy ?? '—'}, {formatDateTime(draft.reviewedAt)}
          {draft.rejectionReason && <> · reason: {draft.rejectionReason}</>}
        </p>
      )}
      <Variants draft={draft} editable={rights.edit} bodies={bodies} setBody={(i, v) => setBodies((b) => b.map((x, j) => (j === i ? v : x)))} />
      <History draft={draft} />
      {error && <ErrorNotice error={error} title="Decision refused" />}
      <div className="chart-toolbar" style={{ marginTop: '0.5rem' }}>
        {rights.approve && (
          <button
            type="button"
            disabled={edited}
            title={edited ? 'Save or undo your edits first' : undefined}
            onClick={() => void approve({ id: draft.id }).then((r) => r.data && onDone())}
          >
            Approve
          </button>
        )}
        {rights.edit && (
          <>
            <label>
              Edit note
              <input value={note} onChange={(e) => setNote(e.target.value)} />
            </label>
            <button type="button" className="secondary" disabled={!edited} onClick={() => void submitEdit()}>
              Save edits
            </button>
          </>
        )}
        {rights.reject && (
          <form className="inline" onSubmit={(e) => void submitReject(e)}>
            <label>
              Reason to reject
              <input value={reason} onChange={(e) => setReason(e.target.value)} required />
            </label>
            <button type="submit" className="danger">
              Reject
            </button>
          </form>
        )}
      </div>
    </section>
  );
}
