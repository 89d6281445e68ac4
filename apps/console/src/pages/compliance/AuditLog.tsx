import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../__generated__';
import { QueryState } from '../../components/QueryState';
import { formatDateTime } from '../../domain/format';

const AuditLogQuery = graphql(`
  query AuditLog($subject: String, $first: Int) {
    auditLog(subject: $subject, first: $first) {
      seq
      at
      actor
      action
      subject
      details
    }
  }
`);

const VerifyChain = graphql(`
  query VerifyAuditChain {
    verifyAuditChain {
      valid
      checked
      brokenAtSeq
      reason
    }
  }
`);

function Verdict() {
  const [{ data, fetching, error }, verify] = useQuery({ query: VerifyChain, pause: true });
  return (
    <div>
      <button type="button" onClick={() => verify({ requestPolicy: 'network-only' })} disabled={fetching}>
        Verify chain
      </button>
      {(fetching || error || data) && (
        <QueryState data={data} fetching={fetching} error={error} label="the verdict">
          {({ verifyAuditChain: v }) => (
            <p className={v.valid ? 'notice' : 'error'} role="status">
              {v.valid ? `Chain intact: ${v.checked} entries checked.` : `Chain broken at entry #${v.brokenAtSeq}: ${v.reason}`}
            </p>
          )}
        </QueryState>
      )}
    </div>
  );
}

/** The hash-chained audit log, optionally for one subject (customer or request id), and its verification. */
export function AuditLog() {
  const [subjectInput, setSubjectInput] = useState('');
  const [subject, setSubject] = useState<string | undefined>();
  const [{ data, fetching, error }, refetch] = useQuery({ query: AuditLogQuery, variables: { subject, first: 50 } });
  function filter(e: FormEvent) {
    e.preventDefault();
    setSubject(subjectInput.trim() || undefined);
  }
  return (
    <section className="card" aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit log</h2>
      <Verdict />
      <form className="inline" onSubmit={filter}>
        <label>
          Subject (customer or request id)
          <input value={subjectInput} onChange={(e) => setSubjectInput(e.target.value)} autoComplete="off" />
        </label>
        <button type="submit" className="secondary">
          Filter
        </button>
        <button type="button" className="secondary" onClick={() => refetch({ requestPolicy: 'network-only' })}>
          Refresh
        </button>
      </form>
      <QueryState data={data} fetching={fetching} error={error} label="the audit log">
        {({ auditLog }) => (
          <table>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">When</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Subject</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {auditLog.map((a) => (
                <tr key={a.seq}>
                  <td>{a.seq}</td>
                  <td>{formatDateTime(a.at)}</td>
                  <td>{a.actor}</td>
                  <td>{a.action}</td>
                  <td>{a.subject ?? '—'}</td>
                  <td>
                    <code className="muted">{a.details}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
    </section>
  );
}
