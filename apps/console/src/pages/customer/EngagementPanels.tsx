import { useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../__generated__';
import { QueryState } from '../../components/QueryState';
import { formatDateTime, humanise } from '../../domain/format';

const CustomerEngagement = graphql(`
  query CustomerEngagement($id: ID!) {
    customer(id: $id) {
      id
      engagement {
        touchCount
        firstSeenAt
        lastSeenAt
        lastChannel
        withheld
        channels {
          channel
          touchCount
          lastSeenAt
        }
      }
      journeyStage {
        stage
        rule {
          events
          minCount
        }
        evidence {
          messageId
          eventKey
          channel
          occurredAt
        }
      }
      sessions {
        family
        startedAt
        endedAt
        touchpointCount
        channels
        eventNames
      }
    }
  }
`);

/** Engagement, journey stage with its evidence, and sessions: what the touchpoints say about the customer. */
const SESSIONS_SHOWN = 8;

export function EngagementPanels({ customerId }: { customerId: string }) {
  const [{ data, fetching, error }] = useQuery({ query: CustomerEngagement, variables: { id: customerId } });
  const [allSessions, setAllSessions] = useState(false);
  return (
    <QueryState data={data} fetching={fetching} error={error} label="engagement">
      {({ customer }) =>
        customer && (
          <div className="grid">
            <section className="card" aria-labelledby="engagement-heading">
              <h2 id="engagement-heading">Engagement</h2>
              {customer.engagement.withheld ? (
                <p className="notice">Withheld: profiling consent is missing or processing is restricted.</p>
              ) : (
                <>
                  <p>
                    {customer.engagement.touchCount} touchpoints · first {formatDateTime(customer.engagement.firstSeenAt)} · last{' '}
                    {formatDateTime(customer.engagement.lastSeenAt)}
                    {customer.engagement.lastChannel && ` on ${humanise(customer.engagement.lastChannel)}`}
                  </p>
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">Channel</th>
                        <th scope="col">Touchpoints</th>
                        <th scope="col">Last seen</th>
                      </tr>
                    </thead>
                    <tbody>
                      {customer.engagement.channels.map((c) => (
                        <tr key={c.channel}>
                          <td>{humanise(c.channel)}</td>
                          <td>{c.touchCount}</td>
                          <td>{formatDateTime(c.lastSeenAt)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </>
              )}
            </section>
            <section className="card" aria-labelledby="stage-heading">
              <h2 id="stage-heading">Journey stage</h2>
              {customer.journeyStage ? (
                <>
                  <p>
                    <strong>{humanise(customer.journeyStage.stage)}</strong> — rule: at least {customer.journeyStage.rule.minCount} of{' '}
                    {customer.journeyStage.rule.events.join(', ')}
                  </p>
                  <h3>Evidence</h3>
                  <ul>
                    {customer.journeyStage.evidence.map((e) => (
                      <li key={e.messageId}>
                        {e.eventKey} on {humanise(e.channel)}, {formatDateTime(e.occurredAt)}
                      </li>
                    ))}
                  </ul>
                </>
              ) : (
                <p className="muted">No stage yet: no touchpoints.</p>
              )}
            </section>
            <section className="card" aria-labelledby="sessions-heading">
              <h2 id="sessions-heading">Sessions</h2>
              {customer.sessions.length === 0 ? (
                <p className="muted">No sessions.</p>
              ) : (
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Started</th>
                      <th scope="col">Family</th>
                      <th scope="col">Touchpoints</th>
                      <th scope="col">Events</th>
                    </tr>
                  </thead>
                  <tbody>
                    {(allSessions ? customer.sessions : customer.sessions.slice(-SESSIONS_SHOWN)).map((s, i) => (
                      <tr key={i}>
                        <td>{formatDateTime(s.startedAt)}</td>
                        <td>{humanise(s.family)}</td>
                        <td>{s.touchpointCount}</td>
                        <td>{s.eventNames.join(', ')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {customer.sessions.length > SESSIONS_SHOWN && (
                <button type="button" className="secondary" onClick={() => setAllSessions((a) => !a)}>
                  {allSessions ? `Show the latest ${SESSIONS_SHOWN}` : `Show all ${customer.sessions.length} sessions`}
                </button>
              )}
            </section>
          </div>
        )
      }
    </QueryState>
  );
}
