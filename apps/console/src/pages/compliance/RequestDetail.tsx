import { useEffect } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../__generated__';
import { OpenCustomerButton } from '../../app/customer-link';
import { download } from '../../components/download';
import { ErrorNotice, QueryState } from '../../components/QueryState';
import { deletedCounts, dueLabel, formatDateTime, humanise } from '../../domain/format';
import { customerStillHeld, isFinal } from '../../domain/requests';

const RequestQuery = graphql(`
  query DataSubjectRequest($id: ID!) {
    dataSubjectRequest(id: $id) {
      id
      kind
      customerId
      status
      requestedBy
      receivedAt
      dueAt
      overdue
      completedAt
      failureReason
      history {
        at
        status
        note
      }
      receipt {
        erasedAt
        verifiedAt
        verified
        auditSeq
        services {
          service
          deleted
          deletedTotal
          remainingTotal
        }
      }
    }
  }
`);

const RequestExport = graphql(`
  query DataSubjectRequestExport($id: ID!) {
    dataSubjectRequest(id: $id) {
      id
      exportDocument
    }
  }
`);

const LiftRestriction = graphql(`
  mutation LiftRestriction($requestId: ID!) {
    liftRestriction(requestId: $requestId) {
      id
      status
    }
  }
`);

const POLL_MS = 1_000;

function ExportDownload({ id }: { id: string }) {
  // Asked only when the officer downloads, so the export never sits in the page's state unasked.
  const [{ data, fetching, error }, fetchExport] = useQuery({ query: RequestExport, variables: { id }, pause: true });
  useEffect(() => {
    const doc = data?.dataSubjectRequest?.exportDocument;
    if (doc) download(`access-export-${id}.json`, doc, 'application/json');
  }, [data, id]);
  return (
    <>
      <button type="button" onClick={() => fetchExport({ requestPolicy: 'network-only' })} disabled={fetching}>
        Download access export
      </button>
      {error && <ErrorNotice error={error} title="Export refused" />}
    </>
  );
}

/** One request followed until it is final: its history, the erasure receipt, the access export, lifting a restriction. */
export function RequestDetail({ id }: { id: string }) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: RequestQuery, variables: { id } });
  const [lift, liftRestriction] = useMutation(LiftRestriction);
  const status = data?.dataSubjectRequest?.status;
  useEffect(() => {
    if (!status || isFinal(status)) return;
    const timer = setTimeout(() => refetch({ requestPolicy: 'network-only' }), POLL_MS);
    return () => clearTimeout(timer);
  }, [status, data, refetch]);
  return (
    <section className="card" aria-labelledby={`request-${id}`}>
      <h2 id={`request-${id}`}>Request {id}</h2>
      <QueryState data={data} fetching={fetching} error={error} label="the request">
        {({ dataSubjectRequest: r }) =>
          !r ? (
            <p className="notice">No such request.</p>
          ) : (
            <>
              <p>
                <strong>{humanise(r.kind)}</strong> for customer {r.customerId} · status <strong data-testid="request-status">{humanise(r.status)}</strong> ·
                received {formatDateTime(r.receivedAt)} ·{' '}
                <span className={r.overdue ? 'overdue' : undefined}>
                  {r.completedAt ? `completed ${formatDateTime(r.completedAt)}` : dueLabel(r.dueAt, new Date())}
                </span>{' '}
                {customerStillHeld(r.kind, r.status) && <OpenCustomerButton customerId={r.customerId} />}
              </p>
              {!isFinal(r.status) && (
                <p className="loading" role="status">
                  Working…
                </p>
              )}
              {r.failureReason && <p className="error">Failed: {r.failureReason}</p>}
              <h3>History</h3>
              <ol>
                {r.history.map((h, i) => (
                  <li key={i}>
                    {formatDateTime(h.at)}: {humanise(h.status)}
                    {h.note && ` — ${h.note}`}
                  </li>
                ))}
              </ol>
              {r.receipt && (
                <section aria-labelledby={`receipt-${id}`}>
                  <h3 id={`receipt-${id}`}>Erasure receipt</h3>
                  <p>
                    Erased {formatDateTime(r.receipt.erasedAt)} ·{' '}
                    {r.receipt.verified ? (
                      <strong>verified {formatDateTime(r.receipt.verifiedAt)}: nothing left</strong>
                    ) : (
                      <strong className="overdue">not verified</strong>
                    )}
                    {r.receipt.auditSeq !== null && r.receipt.auditSeq !== undefined && ` · audit entry #${r.receipt.auditSeq}`}
                  </p>
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">Service</th>
                        <th scope="col">Deleted</th>
                        <th scope="col">Total deleted</th>
                        <th scope="col">Remaining after verification</th>
                      </tr>
                    </thead>
                    <tbody>
                      {r.receipt.services.map((s) => (
                        <tr key={s.service}>
                          <td>{s.service}</td>
                          <td>{deletedCounts(s.deleted)}</td>
                          <td>{s.deletedTotal}</td>
                          <td>{s.remainingTotal ?? '—'}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </section>
              )}
              {r.kind === 'ACCESS' && r.status === 'COMPLETED' && <ExportDownload id={r.id} />}
              {r.kind === 'RESTRICTION' && r.status === 'COMPLETED' && (
                <button
                  type="button"
                  className="secondary"
                  onClick={() => void liftRestriction({ requestId: r.id }).then(() => refetch({ requestPolicy: 'network-only' }))}
                >
                  Lift restriction
                </button>
              )}
              {lift.error && <ErrorNotice error={lift.error} title="Lifting refused" />}
            </>
          )
        }
      </QueryState>
    </section>
  );
}
