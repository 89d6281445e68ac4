import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../__generated__';
import type { EscalationsQuery, EscalationStatus } from '../../__generated__/graphql';
import { OpenCustomerButton } from '../../app/customer-link';
import { Value } from '../../components/Masked';
import { ErrorNotice, QueryState } from '../../components/QueryState';
import { formatDateTime, humanise } from '../../domain/format';
import { EscalationConversation } from './EscalationConversation';

const EscalationsQuery = graphql(`
  query Escalations($status: EscalationStatus, $first: Int!) {
    escalations(status: $status, first: $first) {
      id
      conversationId
      customerId
      status
      reasons
      intent
      summary
      sentimentTrend
      createdAt
      claimedBy
      resolution
    }
  }
`);
const ClaimEscalation = graphql(`
  mutation ClaimEscalation($id: ID!) {
    claimEscalation(id: $id) {
      id
      status
      claimedBy
    }
  }
`);
const ResolveEscalation = graphql(`
  mutation ResolveEscalation($id: ID!, $resolution: String!) {
    resolveEscalation(id: $id, resolution: $resolution) {
      id
      status
    }
  }
`);

const RESOLUTION_MAX_CHARS = 2_000;
/** generation answers at most this many per status, oldest first. */
const SHOWN = 50;

function Resolve({ id, onDone }: { id: string; onDone: () => void }) {
  const [resolution, setResolution] = useState('');
  const [result, resolve] = useMutation(ResolveEscalation);
  return (
    <form
      className="inline"
      onSubmit={(e) => {
        e.preventDefault();
        void resolve({ id, resolution: resolution.trim() }).then((r) => r.data && onDone());
      }}
    >
      <label>
        Resolution
        <input value={resolution} onChange={(e) => setResolution(e.target.value)} required maxLength={RESOLUTION_MAX_CHARS} />
      </label>
      <button type="submit" disabled={result.fetching}>
        Resolve
      </button>
      {result.error && <ErrorNotice error={result.error} title="Resolution refused" />}
    </form>
  );
}

/** What the agent last did, read out; focus moves here since the escalation moves to another list. */
function Outcome({ message }: { message: string | null }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  return (
    <p role="status" ref={ref} tabIndex={-1} className={message ? 'notice' : undefined} data-testid="escalation-outcome">
      {message}
    </p>
  );
}

type Item = EscalationsQuery['escalations'][number];

function EscalationItem({ e, claiming, onClaim, onResolved }: { e: Item; claiming: boolean; onClaim: () => void; onResolved: () => void }) {
  return (
    <li aria-label={`Escalation ${e.id}`}>
      <strong>{humanise(e.intent)}</strong> · {e.reasons.map(humanise).join(', ')} · sentiment {humanise(e.sentimentTrend)} · {formatDateTime(e.createdAt)} ·{' '}
      {e.customerId ? `customer ${e.customerId}` : 'anonymous visitor'} <OpenCustomerButton customerId={e.customerId} />
      <br />
      <Value value={e.summary} />
      {e.claimedBy && <span className="muted"> · claimed by {e.claimedBy}</span>}
      {e.resolution && <span className="muted"> · resolved: {e.resolution}</span>}
      <br />
      {e.status === 'OPEN' && (
        <button type="button" onClick={onClaim} disabled={claiming}>
          Claim
        </button>
      )}
      {e.status !== 'OPEN' && <EscalationConversation conversationId={e.conversationId} canReply={e.status === 'CLAIMED'} />}
      {e.status === 'CLAIMED' && <Resolve id={e.id} onDone={onResolved} />}
    </li>
  );
}

/** Conversations the assistant handed to a person: claim one, then resolve it. */
export function EscalationInbox() {
  const [status, setStatus] = useState<EscalationStatus>('OPEN');
  const [message, setMessage] = useState<string | null>(null);
  const [{ data, fetching, error, operation }, refetch] = useQuery({ query: EscalationsQuery, variables: { status, first: SHOWN } });
  // Until the escalations of the status asked arrive, the previous status's are not shown as if they were.
  const current = operation?.variables.status === status ? data : undefined;
  const [claim, claimEscalation] = useMutation(ClaimEscalation);
  const show = (next: EscalationStatus, said: string) => {
    setStatus(next);
    setMessage(said);
  };
  return (
    <section className="card" aria-labelledby="escalations-heading" aria-busy={fetching}>
      <h2 id="escalations-heading">Escalation inbox</h2>
      <div className="chart-toolbar">
        <label style={{ display: 'inline-flex' }}>
          Escalations
          <select
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as EscalationStatus);
              setMessage(null);
            }}
          >
            <option value="OPEN">Open</option>
            <option value="CLAIMED">Claimed</option>
            <option value="RESOLVED">Resolved</option>
          </select>
        </label>
        <button type="button" className="secondary" onClick={() => refetch({ requestPolicy: 'network-only' })} disabled={fetching}>
          Refresh escalations
        </button>
      </div>
      <Outcome message={message} />
      {claim.error && <ErrorNotice error={claim.error} title="Claim refused" />}
      <QueryState data={current} fetching={fetching} error={error} label="escalations">
        {({ escalations }) =>
          escalations.length === 0 ? (
            <p className="muted">No {status.toLowerCase()} escalation.</p>
          ) : (
            <>
              {escalations.length === SHOWN && <p className="muted">The {SHOWN} oldest are shown: claim or resolve them to reach the next.</p>}
              <ul className="escalations">
                {escalations.map((e) => (
                  <EscalationItem
                    key={e.id}
                    e={e}
                    claiming={claim.fetching}
                    onClaim={() =>
                      void claimEscalation({ id: e.id }).then(
                        (r) => r.data && show('CLAIMED', `Escalation ${e.id} claimed: it is yours to answer and resolve.`),
                      )
                    }
                    onResolved={() => show('RESOLVED', `Escalation ${e.id} resolved.`)}
                  />
                ))}
              </ul>
            </>
          )
        }
      </QueryState>
    </section>
  );
}
