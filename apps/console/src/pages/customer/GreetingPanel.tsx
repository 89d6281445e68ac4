import { useQuery } from 'urql';
import { graphql } from '../../__generated__';
import { Value } from '../../components/Masked';
import { QueryState } from '../../components/QueryState';
import { formatDateTime } from '../../domain/format';

const CustomerGreeting = graphql(`
  query CustomerGreeting($id: ID!) {
    customer(id: $id) {
      id
      greeting {
        text
        provider
        model
        generatedAt
      }
    }
  }
`);

/** generation's drafted greeting for the customer: the one draft the schema offers so far. */
export function GreetingPanel({ customerId }: { customerId: string }) {
  const [{ data, fetching, error }] = useQuery({ query: CustomerGreeting, variables: { id: customerId } });
  return (
    <section className="card" aria-labelledby="greeting-heading">
      <h2 id="greeting-heading">Drafted greeting</h2>
      <QueryState data={data} fetching={fetching} error={error} label="the drafted greeting">
        {({ customer }) =>
          customer?.greeting ? (
            <>
              <p>
                <Value value={customer.greeting.text} />
              </p>
              <p className="muted">
                {customer.greeting.provider}
                {customer.greeting.model && ` · ${customer.greeting.model}`} · {formatDateTime(customer.greeting.generatedAt)}
              </p>
            </>
          ) : (
            <p className="muted">No draft yet.</p>
          )
        }
      </QueryState>
    </section>
  );
}
