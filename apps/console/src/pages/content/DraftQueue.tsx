import { useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../__generated__';
import type { DraftStatus } from '../../__generated__/graphql';
import { QueryState } from '../../components/QueryState';
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

export interface DraftRights {
  approve: boolean;
  edit: boolean;
  reject: boolean;
}

/** generation's drafts: the review queue (approve, edit, reject: marketers decide; others read), and what was decided. */
export function DraftQueue({ rights }: { rights: DraftRights }) {
  const [status, setStatus] = useState<DraftStatus>('PENDING_REVIEW');
  const [{ data, fetching, error }, refetch] = useQuery({ query: DraftQueueDoc, variables: { status } });
  return (
    <section className="card" aria-labelledby="drafts-heading">
      <h2 id="drafts-heading">Drafts</h2>
      <label style={{ display: 'inline-flex' }}>
        Show drafts
        <select value={status} onChange={(e) => setStatus(e.target.value as DraftStatus)}>
          <option value="PENDING_REVIEW">Waiting for review</option>
          <option value="APPROVED">Approved</option>
          <option value="REJECTED">Rejected</option>
        </select>
      </label>
      <QueryState data={data} fetching={fetching} error={error} label="drafts">
        {({ drafts }) =>
          drafts.length === 0 ? (
            <p className="muted">{status === 'PENDING_REVIEW' ? 'Nothing waits for review.' : 'None.'}</p>
          ) : (
            drafts.map((d) => (
              <DraftReview
                key={`${d.id}-${d.version}-${d.status}`}
                draft={d}
                rights={d.status === 'PENDING_REVIEW' ? rights : { approve: false, edit: false, reject: false }}
                onDone={() => refetch({ requestPolicy: 'network-only' })}
              />
            ))
          )
        }
      </QueryState>
    </section>
  );
}
