import { useQuery } from 'urql';
import { graphql } from '../../__generated__';
import { Value } from '../../components/Masked';
import { QueryState } from '../../components/QueryState';
import { formatDateTime, humanise } from '../../domain/format';

const CustomerConversations = graphql(`
  query CustomerConversations($id: ID!) {
    customer(id: $id) {
      id
      conversations(first: 5) {
        id
        channel
        status
        startedAt
        lastActivityAt
        escalation {
          id
          status
          reasons
        }
        turns {
          messageId
          author
          text
          at
        }
      }
    }
  }
`);

const TURNS_SHOWN = 6;

/** The customer's conversations with the assistant and agents, newest first, with their latest turns. */
export function CustomerConversationsPanel({ customerId }: { customerId: string }) {
  const [{ data, fetching, error }] = useQuery({ query: CustomerConversations, variables: { id: customerId } });
  return (
    <section className="card" aria-labelledby="customer-conversations-heading">
      <h2 id="customer-conversations-heading">Conversations</h2>
      <QueryState data={data} fetching={fetching} error={error} label="conversations">
        {({ customer }) =>
          !customer?.conversations.length ? (
            <p className="muted">No conversations.</p>
          ) : (
            customer.conversations.map((c) => (
              <article key={c.id} aria-label={`Conversation started ${formatDateTime(c.startedAt)}`}>
                <h3>
                  {c.channel} · {c.status === 'ESCALATED' ? 'with an agent' : 'with the assistant'} · {formatDateTime(c.lastActivityAt)}
                </h3>
                {c.escalation && (
                  <p className="muted">
                    Escalation {humanise(c.escalation.status).toLowerCase()}: {c.escalation.reasons.map(humanise).join(', ')}
                  </p>
                )}
                {c.turns.length > TURNS_SHOWN && (
                  <p className="muted">
                    The last {TURNS_SHOWN} of {c.turns.length} turns.
                  </p>
                )}
                <ul className="turns">
                  {c.turns.slice(-TURNS_SHOWN).map((t) => (
                    <li key={t.messageId}>
                      <strong>{humanise(t.author)}:</strong> <Value value={t.text} />
                    </li>
                  ))}
                </ul>
              </article>
            ))
          )
        }
      </QueryState>
    </section>
  );
}
