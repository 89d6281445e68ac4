import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../__generated__';
import type { IdentifierType } from '../../__generated__/graphql';
import { Value } from '../../components/Masked';
import { QueryState } from '../../components/QueryState';
import { IDENTIFIER_TYPES } from '../../domain/enums';
import { formatDateTime, humanise } from '../../domain/format';

const ExplainLinkQuery = graphql(`
  query ExplainLink($customerId: ID!, $type: IdentifierType!, $value: String!) {
    explainLink(customerId: $customerId, type: $type, value: $value) {
      customerId
      originCustomerId
      linkedAt
      viaMessageId
      identifier {
        typeName
        value
      }
      merges {
        id
        at
        rule
        score
        by
      }
    }
  }
`);

type Ask = { customerId: string; type: IdentifierType; value: string };

function Explanation({ ask }: { ask: Ask }) {
  const [{ data, fetching, error }] = useQuery({ query: ExplainLinkQuery, variables: ask });
  return (
    <QueryState data={data} fetching={fetching} error={error} label="the explanation">
      {({ explainLink }) =>
        !explainLink ? (
          <p className="notice">That identifier does not belong to this customer.</p>
        ) : (
          <div>
            <p>
              <Value value={explainLink.identifier.value} /> ({explainLink.identifier.typeName}) was linked to {explainLink.originCustomerId} on{' '}
              {formatDateTime(explainLink.linkedAt)}
              {explainLink.viaMessageId && ` by touchpoint ${explainLink.viaMessageId}`}.
            </p>
            {explainLink.merges.length > 0 && (
              <ol>
                {explainLink.merges.map((m) => (
                  <li key={m.id}>
                    {formatDateTime(m.at)}: {m.rule} merge by {m.by}
                    {m.score !== null && m.score !== undefined && ` (weight ${m.score.toFixed(2)})`}
                  </li>
                ))}
              </ol>
            )}
          </div>
        )
      }
    </QueryState>
  );
}

/** Why an identifier belongs to a customer: where it was first linked and the merges that carried it. */
export function ExplainLink() {
  const [customerId, setCustomerId] = useState('');
  const [type, setType] = useState<IdentifierType>('EMAIL');
  const [value, setValue] = useState('');
  const [ask, setAsk] = useState<Ask | null>(null);
  function submit(e: FormEvent) {
    e.preventDefault();
    setAsk({ customerId: customerId.trim(), type, value: value.trim() });
  }
  return (
    <section className="card" aria-labelledby="explain-heading">
      <h2 id="explain-heading">Explain a link</h2>
      <form className="inline" onSubmit={submit}>
        <label>
          Customer id
          <input value={customerId} onChange={(e) => setCustomerId(e.target.value)} required autoComplete="off" />
        </label>
        <label>
          Identifier type
          <select value={type} onChange={(e) => setType(e.target.value as IdentifierType)}>
            {IDENTIFIER_TYPES.map((t) => (
              <option key={t} value={t}>
                {humanise(t)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Identifier value
          <input value={value} onChange={(e) => setValue(e.target.value)} required autoComplete="off" />
        </label>
        <button type="submit">Explain</button>
      </form>
      {ask && <Explanation key={JSON.stringify(ask)} ask={ask} />}
    </section>
  );
}
