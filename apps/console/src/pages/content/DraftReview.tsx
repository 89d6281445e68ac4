import { useState } from 'react';
import { OpenCustomerButton } from '../../app/customer-link';
import { Value } from '../../components/Masked';
import { formatDateTime, humanise } from '../../domain/format';
import { hasMaskedText, type DraftRights } from '../../domain/drafts';
import { DraftDecisions, type Draft, type DraftOutcome } from './DraftDecisions';

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
          {v.callToAction && (
            <p>
              Call to action: <Value value={v.callToAction} />
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
export function DraftReview({ draft, rights, onDone }: { draft: Draft; rights: DraftRights; onDone: (outcome: DraftOutcome) => void }) {
  const [bodies, setBodies] = useState(draft.variants.map((v) => v.body));
  const masked = hasMaskedText(draft.variants);
  // A masked part would be saved as the mask itself: such a draft is decided as it stands, not edited.
  const effective = masked ? { ...rights, edit: false } : rights;
  return (
    <section className="card" aria-label={`Draft ${draft.id}`}>
      <h3>
        {humanise(draft.purpose)} · {humanise(draft.channel)} <span className="muted">for customer {draft.customerId}</span>
      </h3>
      <p className="muted">
        Brief: <Value value={draft.brief} /> · version {draft.version} · {formatDateTime(draft.createdAt)} <OpenCustomerButton customerId={draft.customerId} />
      </p>
      {draft.status !== 'PENDING_REVIEW' && (
        <p>
          <strong>{humanise(draft.status)}</strong> by {draft.reviewedBy ?? '—'}, {formatDateTime(draft.reviewedAt)}
          {draft.rejectionReason && <> · reason: {draft.rejectionReason}</>}
        </p>
      )}
      {masked && rights.edit && (
        <p className="masked-notice">
          Parts of this draft are masked: the customer&apos;s consent does not let your role read them. It can be decided as it stands, not edited here.
        </p>
      )}
      <Variants draft={draft} editable={effective.edit} bodies={bodies} setBody={(i, v) => setBodies((b) => b.map((x, j) => (j === i ? v : x)))} />
      <History draft={draft} />
      <DraftDecisions draft={draft} rights={effective} bodies={bodies} onDone={onDone} />
    </section>
  );
}
