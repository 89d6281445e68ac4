import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../__generated__';
import type { DraftQueueQuery } from '../../__generated__/graphql';
import { ErrorNotice } from '../../components/QueryState';
import { MAX_REASON_CHARS, type DraftRights } from '../../domain/drafts';

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
const WithdrawDraft = graphql(`
  mutation WithdrawDraft($id: ID!, $reason: String!) {
    withdrawDraft(id: $id, reason: $reason) {
      id
      status
      rejectionReason
    }
  }
`);

export type Draft = DraftQueueQuery['drafts'][number];

/** What became of a draft: said to the user, who is moved to the message when the draft left the list shown. */
export interface DraftOutcome {
  message: string;
  left: boolean;
}

function ReasonForm(props: { label: string; action: string; busy: boolean; onSubmit: (reason: string) => void }) {
  const [reason, setReason] = useState('');
  function submit(e: FormEvent) {
    e.preventDefault();
    props.onSubmit(reason.trim());
  }
  return (
    <form className="inline" onSubmit={submit}>
      <label>
        {props.label}
        <input value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={MAX_REASON_CHARS} />
      </label>
      <button type="submit" className="danger" disabled={props.busy}>
        {props.action}
      </button>
    </form>
  );
}

/** The decisions the role may take on one draft; every one is refused or done by generation, never assumed. */
export function DraftDecisions(props: { draft: Draft; rights: DraftRights; bodies: string[]; onDone: (outcome: DraftOutcome) => void }) {
  const { draft, rights, bodies, onDone } = props;
  const [note, setNote] = useState('');
  const [approval, approve] = useMutation(ApproveDraft);
  const [rejection, reject] = useMutation(RejectDraft);
  const [edit, saveEdit] = useMutation(EditDraft);
  const [withdrawal, withdraw] = useMutation(WithdrawDraft);
  const error = approval.error ?? rejection.error ?? edit.error ?? withdrawal.error;
  // One decision at a time: a second click while the first is on its way would be refused anyway.
  const busy = approval.fetching || rejection.fetching || edit.fetching || withdrawal.fetching;
  const edited = draft.variants.some((v, i) => bodies[i] !== v.body);
  const done = (ok: unknown, message: string, left = true) => ok && onDone({ message, left });
  async function submitEdit() {
    const variants = draft.variants.map((v, i) => ({ subject: v.subject, headline: v.headline, callToAction: v.callToAction, body: bodies[i] ?? v.body }));
    const r = await saveEdit({ id: draft.id, variants, note: note.trim() || null });
    done(r.data, `Draft ${draft.id}: edits saved as version ${r.data?.editDraft.version ?? ''}; it waits for review again.`, false);
  }
  if (!rights.approve && !rights.edit && !rights.reject && !rights.withdraw) return null;
  return (
    <>
      {error && <ErrorNotice error={error} title="Decision refused" />}
      <div className="chart-toolbar" style={{ marginTop: '0.5rem' }}>
        {rights.approve && (
          <button
            type="button"
            disabled={edited || busy}
            title={edited ? 'Save or undo your edits first' : undefined}
            onClick={() => void approve({ id: draft.id }).then((r) => done(r.data, `Draft ${draft.id} approved.`))}
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
            <button type="button" className="secondary" disabled={!edited || busy} onClick={() => void submitEdit()}>
              Save edits
            </button>
          </>
        )}
        {rights.reject && (
          <ReasonForm
            label="Reason to reject"
            action="Reject"
            busy={busy}
            onSubmit={(reason) => void reject({ id: draft.id, reason }).then((r) => done(r.data, `Draft ${draft.id} rejected.`))}
          />
        )}
        {rights.withdraw && (
          <ReasonForm
            label="Reason to withdraw"
            action="Withdraw"
            busy={busy}
            onSubmit={(reason) =>
              void withdraw({ id: draft.id, reason }).then((r) => done(r.data, `Draft ${draft.id} withdrawn: no longer offered to next best action.`))
            }
          />
        )}
        {busy && (
          <span className="loading" role="status">
            Sending…
          </span>
        )}
      </div>
    </>
  );
}
