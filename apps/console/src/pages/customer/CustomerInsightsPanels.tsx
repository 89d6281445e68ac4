import { useQuery } from 'urql';
import { QueryState } from '../../components/QueryState';
import { CustomerInsights, NextStepsPanel, PredictionsPanel } from './PredictionsPanel';
import { SegmentPanel, SentimentPanel } from './SegmentSentimentPanels';

/** What insights derives about the customer (profiling): predictions, next steps, segment, sentiment, from one operation. */
export function CustomerInsightsPanels({ customerId }: { customerId: string }) {
  const [{ data, fetching, error }] = useQuery({ query: CustomerInsights, variables: { id: customerId } });
  return (
    <QueryState data={data} fetching={fetching} error={error} label="predictions">
      {({ customer }) =>
        customer && (
          <div className="grid">
            <PredictionsPanel customer={customer} />
            <NextStepsPanel customer={customer} />
            <SegmentPanel customer={customer} />
            <SentimentPanel customer={customer} />
          </div>
        )
      }
    </QueryState>
  );
}
