import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../__generated__';
import type { DataSubjectInput, IdentifierType, RequestKind } from '../../__generated__/graphql';
import { ErrorNotice } from '../../components/QueryState';
import { IDENTIFIER_TYPES } from '../../domain/enums';
import { humanise } from '../../domain/format';

const RequestErasure = graphql(`
  mutation RequestErasure($input: DataSubjectInput!) {
    requestErasure(input: $input) {
      id
    }
  }
`);
const RequestAccess = graphql(`
  mutation RequestAccess($input: DataSubjectInput!) {
    requestAccess(input: $input) {
      id
    }
  }
`);
const RequestRestriction = graphql(`
  mutation RequestRestriction($input: DataSubjectInput!) {
    requestRestriction(input: $input) {
      id
    }
  }
`);

type By = IdentifierType | 'CUSTOMER_ID';

/** Starts an erasure, access or restriction request for a person named by any identifier (or a customer id). */
export function StartRequest({ onStarted }: { onStarted: (id: string) => void }) {
  const [kind, setKind] = useState<RequestKind>('ERASURE');
  const [by, setBy] = useState<By>('EMAIL');
  const [value, setValue] = useState('');
  const [receivedOn, setReceivedOn] = useState('');
  const [erasure, requestErasure] = useMutation(RequestErasure);
  const [access, requestAccess] = useMutation(RequestAccess);
  const [restriction, requestRestriction] = useMutation(RequestRestriction);
  const current = kind === 'ERASURE' ? erasure : kind === 'ACCESS' ? access : restriction;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const v = value.trim();
    const input: DataSubjectInput = {
      ...(by === 'CUSTOMER_ID' ? { customerId: v } : { identifier: { type: by, value: v } }),
      ...(receivedOn ? { receivedAt: new Date(`${receivedOn}T00:00:00Z`).toISOString() } : {}),
    };
    if (kind === 'ERASURE') {
      const r = await requestErasure({ input });
      if (r.data) onStarted(r.data.requestErasure.id);
    } else if (kind === 'ACCESS') {
      const r = await requestAccess({ input });
      if (r.data) onStarted(r.data.requestAccess.id);
    } else {
      const r = await requestRestriction({ input });
      if (r.data) onStarted(r.data.requestRestriction.id);
    }
    setValue('');
  }

  return (
    <section className="card" aria-labelledby="start-request-heading">
      <h2 id="start-request-heading">Start a data-subject request</h2>
      <form className="inline" onSubmit={submit}>
        <label>
          Kind
          <select value={kind} onChange={(e) => setKind(e.target.value as RequestKind)}>
            <option value="ERASURE">Erasure</option>
            <option value="ACCESS">Access</option>
            <option value="RESTRICTION">Restriction</option>
          </select>
        </label>
        <label>
          Person identified by
          <select value={by} onChange={(e) => setBy(e.target.value as By)}>
            {IDENTIFIER_TYPES.map((t) => (
              <option key={t} value={t}>
                {humanise(t)}
              </option>
            ))}
            <option value="CUSTOMER_ID">Customer id</option>
          </select>
        </label>
        <label>
          Identifier value
          <input value={value} onChange={(e) => setValue(e.target.value)} required autoComplete="off" />
        </label>
        <label>
          Received on (if earlier than today)
          <input type="date" value={receivedOn} onChange={(e) => setReceivedOn(e.target.value)} />
        </label>
        <button type="submit" className={kind === 'ERASURE' ? 'danger' : undefined} disabled={current.fetching}>
          Start {kind.toLowerCase()}
        </button>
      </form>
      {current.error && <ErrorNotice error={current.error} title="Request refused" />}
    </section>
  );
}
