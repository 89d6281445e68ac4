import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../__generated__';
import type { EscalationStatus } from '../../__generated__/graphql';
import { Value } from '../../components/Masked';
import { ErrorNotice, QueryState } from '../../components/QueryState';
import { formatDateTime, humanise } from '../../domain/format';
import { EscalationConversation } from './EscalationConversation';

const EscalationsQuery = graphql(`
  query Escalations($status: EscalationStatus) {
    escalations(status: $status, first: 50) {
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

function Resolve({ id, onDone }: { id: string; onDone: () => void }) {
  const [resolution, setResolution] = useState('');
  const [result, resolve] = useMutation(ResolveEscalation);
  return (
    <form
      className="inline"
      onSubmit={(e) => {
        e.preventDefault();
        void resolve({ id, resolution }).then((r) => r.data && onDone());
      }}
    >
      <label>
        Resolution
        <input value={resolution} onChange={(e) => setResolution(e.target.value)} required />
      </label>
      <button type="submit">Resolve</button>
      {result.error && <ErrorNotice error={result.error} title="Resolution refused" />}
    </form>
  );
}

/** Conversations the assistant handed to a person: claim one, then resolve it. */
export function EscalationInbox() {
  const [status, setStatus] = useState<EscalationStatus>('OPEN');
  const [{ data, fetching, error }] = useQuery({ query: EscalationsQuery, variables: { status } });
  const [claim, claimEscalation] = useMutation(ClaimEscalation);
  return (
    <section className="card" aria-labelledby="escalations-heading">
      <h2 id="escalations-heading">Escalation inbox</h2>
      <label style={{ display: 'inline-flex' }}>
        Escalations
        <select value={status} onChange={(e) => setStatus(e.target.value as EscalationStatus)}>
          <option value="OPEN">Open</option>
          <option value="CLAIMED">Claimed</option>
          <option value="RESOLVED">Resolved</option>
        </select>
      </label>
      {claim.error && <ErrorNotice error={claim.error} title="Claim refused" />}
      <QueryState data={data} fetching={fetching} error={error} label="escalations">
        {({ escalations }) =>
          escalations.length === 0 ? (
            <p className="muted">None.</p>
          ) : (
            <ul className="escalations">
              {escalations.map((e) => (
                <li key={e.id} aria-label={`Escalation ${e.id}`}>
                  <strong>{humanise(e.intent)}</strong> · {e.reasons.map(humanise).join(', ')} · sentiment {humanise(e.sentimentTrend)} ·{' '}
                  {formatDateTime(e.createdAt)}
                  <br />
                  <Value value={e.summary} />
                  {e.claimedBy && <span className="muted"> · claimed by {e.claimedBy}</span>}
                  {e.resolution && <span className="muted"> · resolved: {e.resolution}</span>}
                  <br />
                  {e.status === 'OPEN' && (
                    <button type="button" onClick={() => void claimEscalation({ id: e.id }).then((r) => r.data && setStatus('CLAIMED'))}>
                      Claim
                    </button>
                  )}
                  {e.status !== 'OPEN' && <EscalationConversation conversationId={e.conversationId} canReply={e.status === 'CLAIMED'} />}
                  {e.status === 'CLAIMED' && <Resolve id={e.id} onDone={() => setStatus('RESOLVED')} />}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}
