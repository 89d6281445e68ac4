import { graphql } from '../../__generated__';
import type { CustomerInsightsQuery } from '../../__generated__/graphql';
import { formatDateTime, humanise } from '../../domain/format';
import { explanationView, formatScore, kindLabel, nextStepsView, PROFILING_NOTICE, predictionsState, type FactorView } from '../../domain/predictions';

export const CustomerInsights = graphql(`
  query CustomerInsights($id: ID!) {
    customer(id: $id) {
      id
      predictions {
        withheld
        scores {
          kind
          score
          band
          modelId
          modelVersion
          scoredAt
          expectedPurchases
          probabilityAlive
          explanation {
            raising {
              feature
              effect
              text
            }
            lowering {
              feature
              effect
              text
            }
          }
        }
        nextSteps {
          event
          probability
        }
      }
      segment {
        id
        description
        assignedAt
      }
      sentiment {
        trend
        label
        score
        lastScoredAt
        textCount
        negativeTurn
        withheld
      }
    }
  }
`);

type Customer = NonNullable<CustomerInsightsQuery['customer']>;
type Score = NonNullable<Customer['predictions']>['scores'][number];

function Factors({ title, factors, direction }: { title: string; factors: FactorView[]; direction: 'up' | 'down' }) {
  return (
    <div className="factors">
      <h4>{title}</h4>
      {factors.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul>
          {factors.map((f) => (
            <li key={f.feature}>
              <span className={`factor-bar ${direction}`} style={{ width: `${Math.max(f.strength, 4)}%` }} aria-hidden="true" />
              {f.text} <span className="muted">({f.effect})</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ScoreCard({ s }: { s: Score }) {
  const explanation = explanationView(s.explanation);
  return (
    <article className="prediction" aria-label={kindLabel(s.kind)}>
      <h3>
        {kindLabel(s.kind)}: <strong data-testid={`score-${s.kind}`}>{formatScore(s.kind, s.score)}</strong>{' '}
        <span className={`band band-${s.band.toLowerCase()}`}>{humanise(s.band)}</span>
      </h3>
      <p className="muted">
        Model version {s.modelVersion} · scored {formatDateTime(s.scoredAt)}
        {s.expectedPurchases !== null && s.expectedPurchases !== undefined && ` · ${s.expectedPurchases.toFixed(1)} expected purchases`}
        {s.probabilityAlive !== null && s.probabilityAlive !== undefined && ` · ${(s.probabilityAlive * 100).toFixed(0)}% likely still active`}
      </p>
      <div className="explanation">
        <Factors title="Raises the score" factors={explanation.raising} direction="up" />
        <Factors title="Lowers the score" factors={explanation.lowering} direction="down" />
      </div>
    </article>
  );
}

/** Scores from insights' active models, each with its explanation; withheld and masked said as such. */
export function PredictionsPanel({ customer }: { customer: Customer }) {
  const state = predictionsState(customer.predictions);
  const scores = customer.predictions?.scores ?? [];
  return (
    <section className="card wide" aria-labelledby="predictions-heading">
      <h2 id="predictions-heading">Predictions</h2>
      {state !== 'shown' ? (
        <p className={state === 'masked' ? 'masked-notice' : 'notice'} data-testid="predictions-state">
          {PROFILING_NOTICE[state]}
        </p>
      ) : scores.length === 0 ? (
        <p className="muted">No score yet: no model is active, or the customer has not been scored since one was promoted.</p>
      ) : (
        scores.map((s) => <ScoreCard key={s.modelId} s={s} />)
      )}
    </section>
  );
}

/** The three most likely next steps from the journey model. */
export function NextStepsPanel({ customer }: { customer: Customer }) {
  const state = predictionsState(customer.predictions);
  const steps = nextStepsView(customer.predictions?.nextSteps ?? []);
  return (
    <section className="card" aria-labelledby="next-steps-heading">
      <h2 id="next-steps-heading">Likely next steps</h2>
      {state !== 'shown' ? (
        <p className={state === 'masked' ? 'masked-notice' : 'notice'}>{PROFILING_NOTICE[state]}</p>
      ) : steps.length === 0 ? (
        <p className="muted">No journey model is active.</p>
      ) : (
        <ol>
          {steps.map((s) => (
            <li key={s.event}>
              {s.event} <span className="muted">({s.probability})</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
