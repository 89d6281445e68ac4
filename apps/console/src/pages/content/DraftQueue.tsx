import { useEffect, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../__generated__';
import type { DraftStatus } from '../../__generated__/graphql';
import { QueryState } from '../../components/QueryState';
import { draftRights } from '../../domain/drafts';
import type { DraftOutcome } from './DraftDecisions';
import { DraftReview } from './DraftReview';

const DraftQueueDoc = graphql(`
  query DraftQueue($status: DraftStatus!) {
    drafts(status: $status, first: 20) {
      id
      customerId
      channel
      purpose
      brief
      status
      version
      createdAt
      reviewedBy
      reviewedAt
      rejectionReason
      variants {
        index
        subject
        headline
        body
        callToAction
      }
      versions {
        version
        editedBy
        editedAt
        note
      }
    }
  }
`);

const STATUSES: { value: DraftStatus; label: string; none: string }[] = [
  { value: 'PENDING_REVIEW', label: 'Waiting for review', none: 'Nothing waits for review.' },
  { value: 'APPROVED', label: 'Approved', none: 'No approved draft.' },
  { value: 'REJECTED', label: 'Rejected', none: 'No rejected draft.' },
  { value: 'WITHDRAWN', label: 'Withdrawn', none: 'No withdrawn draft.' },
];

/**
 * What was last decided, read out as it happens. When the decided draft left the list, focus moves
 * here, so a keyboard user is not sent back to the top of the page.
 */
function Outcome({ outcome }: { outcome: DraftOutcome | null }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (outcome?.left) ref.current?.focus();
  }, [outcome]);
  return (
    <p role="status" ref={ref} tabIndex={-1} className={outcome ? 'notice' : undefined} data-testid="draft-outcome">
      {outcome?.message}
    </p>
  );
}

/** generation's drafts: the review queue (approve, edit, reject: marketers decide; others read), what was decided, and withdrawal. */
export function DraftQueue({ roles }: { roles: string[] }) {
  const [status, setStatus] = useState<DraftStatus>('PENDING_REVIEW');
  const [outcome, setOutcome] = useState<DraftOutcome | null>(null);
  const [{ data, fetching, error, operation }, refetch] = useQuery({ query: DraftQueueDoc, variables: { status } });
  // Until the drafts of the status asked arrive, the previous status's are not shown as if they were.
  const current = operation?.variables.status === status ? data : undefined;
  const reload = () => refetch({ requestPolicy: 'network-only' });
  return (
    <section className="card" aria-labelledby="drafts-heading" aria-busy={fetching}>
      <h2 id="drafts-heading">Drafts</h2>
      <div className="chart-toolbar">
        <label style={{ display: 'inline-flex' }}>
          Show drafts
          <select
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as DraftStatus);
              setOutcome(null);
            }}
          >
            {STATUSES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="secondary" onClick={reload} disabled={fetching}>
          Refresh drafts
        </button>
      </div>
      <Outcome outcome={outcome} />
      <QueryState data={current} fetching={fetching} error={error} label="drafts">
        {({ drafts }) =>
          drafts.length === 0 ? (
            <p className="muted">{STATUSES.find((s) => s.value === status)?.none}</p>
          ) : (
            drafts.map((d) => (
              <DraftReview
                key={`${d.id}-${d.version}-${d.status}`}
                draft={d}
                rights={draftRights(roles, d.status)}
                onDone={(o) => {
                  setOutcome(o);
                  reload();
                }}
              />
            ))
          )
        }
      </QueryState>
    </section>
  );
}
