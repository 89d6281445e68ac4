import { useEffect, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../__generated__';
import type { DraftStatus } from '../../__generated__/graphql';
import { QueryState } from '../../components/QueryState';
import { draftRights } from '../../domain/drafts';
import type { DraftOutcome } from './DraftDecisions';
import { DraftReview } from './DraftReview';

const DraftQueueDoc = graphql(`
  query DraftQueue($status: DraftStatus!, $first: Int!, $before: DateTime) {
    drafts(status: $status, first: $first, before: $before) {
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

const PAGE_SIZE = 20;

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

/** The queue holds more than a page: newest first, a page of PAGE_SIZE at a time. */
function Pager(props: { page: number; shown: number; onNewer?: () => void; onOlder?: () => void }) {
  if (!props.onNewer && !props.onOlder) return null;
  return (
    <nav aria-label="Draft pages" className="chart-toolbar">
      <span className="muted">
        Page {props.page}, {props.shown} drafts, newest first.
      </span>
      <button type="button" className="secondary" onClick={props.onNewer} disabled={!props.onNewer}>
        Newer drafts
      </button>
      <button type="button" className="secondary" onClick={props.onOlder} disabled={!props.onOlder}>
        Older drafts
      </button>
    </nav>
  );
}

/** generation's drafts: the review queue (approve, edit, reject: marketers decide; others read), what was decided, and withdrawal. */
export function DraftQueue({ roles }: { roles: string[] }) {
  const [status, setStatus] = useState<DraftStatus>('PENDING_REVIEW');
  const [outcome, setOutcome] = useState<DraftOutcome | null>(null);
  // Pages back from the newest: each entry is the createdAt the next older page starts before.
  const [cursors, setCursors] = useState<string[]>([]);
  const before = cursors.at(-1) ?? null;
  const [{ data, fetching, error, operation }, refetch] = useQuery({ query: DraftQueueDoc, variables: { status, first: PAGE_SIZE, before } });
  // Until the drafts asked for arrive, the previous status's or page's are not shown as if they were.
  const current = operation?.variables.status === status && (operation.variables.before ?? null) === before ? data : undefined;
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
              setCursors([]);
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
        {({ drafts }) => (
          <>
            {drafts.length === 0 && <p className="muted">{STATUSES.find((s) => s.value === status)?.none}</p>}
            {drafts.map((d) => (
              <DraftReview
                key={`${d.id}-${d.version}-${d.status}`}
                draft={d}
                rights={draftRights(roles, d.status)}
                onDone={(o) => {
                  setOutcome(o);
                  reload();
                }}
              />
            ))}
            <Pager
              page={cursors.length + 1}
              shown={drafts.length}
              onNewer={cursors.length ? () => setCursors((c) => c.slice(0, -1)) : undefined}
              onOlder={drafts.length === PAGE_SIZE ? () => setCursors((c) => [...c, drafts[drafts.length - 1]?.createdAt ?? '']) : undefined}
            />
          </>
        )}
      </QueryState>
    </section>
  );
}
