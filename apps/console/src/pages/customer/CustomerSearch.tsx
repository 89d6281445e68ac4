import { useId, useState, type FormEvent } from 'react';
import { useClient } from 'urql';
import { graphql } from '../../__generated__';
import type { IdentifierType } from '../../__generated__/graphql';
import { ErrorNotice } from '../../components/QueryState';
import { IDENTIFIER_TYPES } from '../../domain/enums';
import { humanise } from '../../domain/format';
import type { CombinedError } from 'urql';

const FindCustomer = graphql(`
  query FindCustomer($type: IdentifierType!, $value: String!) {
    customerByIdentifier(type: $type, value: $value) {
      id
    }
  }
`);

const CustomerById = graphql(`
  query CustomerById($id: ID!) {
    customer(id: $id) {
      id
    }
  }
`);

type By = IdentifierType | 'CUSTOMER_ID';

/** Looks a customer up by any identifier. The value stays in this form's state: never in the address or storage. */
export function CustomerSearch({ onFound, title = 'Find a customer' }: { onFound: (customerId: string) => void; title?: string }) {
  const client = useClient();
  const [by, setBy] = useState<By>('EMAIL');
  const [value, setValue] = useState('');
  const [state, setState] = useState<{ searching: boolean; error?: CombinedError; notFound?: boolean }>({ searching: false });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!value.trim()) return;
    setState({ searching: true });
    const result =
      by === 'CUSTOMER_ID'
        ? await client.query(CustomerById, { id: value.trim() }).toPromise()
        : await client.query(FindCustomer, { type: by, value: value.trim() }).toPromise();
    const id = result.data && ('customer' in result.data ? result.data.customer?.id : result.data.customerByIdentifier?.id);
    setState({ searching: false, error: result.error, notFound: !result.error && !id });
    if (id) onFound(id);
  }

  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <form className="inline" onSubmit={submit} role="search">
        <label>
          Identifier type
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
          Value
          <input value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" required />
        </label>
        <button type="submit" disabled={state.searching}>
          {state.searching ? 'Searching…' : 'Search'}
        </button>
      </form>
      {state.error && <ErrorNotice error={state.error} title="Search refused" />}
      {state.notFound && (
        <p className="notice" role="status">
          No customer holds that identifier.
        </p>
      )}
    </section>
  );
}
