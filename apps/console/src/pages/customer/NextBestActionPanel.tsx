import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../__generated__';
import { ErrorNotice } from '../../components/QueryState';
import { decisionView, noDecisionText } from '../../domain/decisions';
import { formatDateTime } from '../../domain/format';

const DecideNextBestAction = graphql(`
  mutation DecideNextBestAction($customerId: ID!, $placement: String!) {
    decideNextBestAction(customerId: $customerId, placement: $placement) {
      reason
      decision {
        id
        placement
        action {
          id
          name
        }
        channel
        policy
        probability
        holdout
        decidedAt
        rewardWindowEndsAt
      }
    }
  }
`);

/** Asks insights what to do for this customer now; a decision is recorded, so it is a button, not a read. */
export function NextBestActionPanel({ customerId }: { customerId: string }) {
  const [placement, setPlacement] = useState('console');
  const [result, decide] = useMutation(DecideNextBestAction);
  function submit(e: FormEvent) {
    e.preventDefault();
    void decide({ customerId, placement: placement.trim() });
  }
  const answer = result.data?.decideNextBestAction;
  const view = answer?.decision ? decisionView(answer.decision) : null;
  return (
    <section className="card" aria-labelledby="nba-heading">
      <h2 id="nba-heading">Next best action</h2>
      <form className="inline" onSubmit={submit}>
        <label>
          Placement
          <input value={placement} onChange={(e) => setPlacement(e.target.value)} required />
        </label>
        <button type="submit" disabled={result.fetching}>
          Decide
        </button>
      </form>
      {result.error && <ErrorNotice error={result.error} title="Decision refused" />}
      {answer && (
        <div role="status" data-testid="nba-result">
          {answer.decision && view ? (
            <>
              <p>
                <strong>{view.headline}</strong>
              </p>
              <table>
                <tbody>
                  {view.rows.map(([k, v]) => (
                    <tr key={k}>
                      <th scope="row">{k}</th>
                      <td>{v}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="muted">
                Decided {formatDateTime(answer.decision.decidedAt)}; conversions until {formatDateTime(answer.decision.rewardWindowEndsAt)} count as its reward.
              </p>
            </>
          ) : (
            <p>{noDecisionText(answer.reason)}</p>
          )}
        </div>
      )}
    </section>
  );
}
