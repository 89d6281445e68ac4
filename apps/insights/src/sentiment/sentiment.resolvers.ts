import type { SentimentLabel } from '@c360/sentiment';
import type { Resolvers } from '../__generated__/resolvers-types';
import { SentimentInputError, toGraphQLError } from './sentiment-errors';
import type { SentimentModels } from './sentiment-models';
import type { SentimentReader } from './sentiment-reader';

const LABELS: Record<string, SentimentLabel> = { NEGATIVE: 'negative', NEUTRAL: 'neutral', POSITIVE: 'positive' };

const WITHHELD = { trend: null, label: null, score: null, lastScoredAt: null, textCount: null, negativeTurn: null, withheld: true };

export function createSentimentResolvers(
  reader: SentimentReader,
  models: SentimentModels,
): Pick<Resolvers, 'SentimentLabel' | 'Customer' | 'Query' | 'Mutation'> {
  const mapErrors = <T>(work: () => Promise<T>): Promise<T> =>
    work().catch((err: unknown) => {
      throw toGraphQLError(err);
    });
  return {
    SentimentLabel: LABELS,
    Customer: {
      sentiment: async (customer) => {
        const s = await reader.forCustomer(customer.id);
        return s.withheld ? WITHHELD : s;
      },
    },
    Query: { sentimentModels: () => models.list() },
    Mutation: {
      trainSentimentModel: (_p, { examples, activate }) =>
        mapErrors(async () => {
          const bad = examples.findIndex((e) => e.label === 'neutral');
          if (bad >= 0) throw new SentimentInputError(`example ${bad}: label must be POSITIVE or NEGATIVE`);
          return models.train(
            examples.map((e) => ({ text: e.text, label: e.label === 'positive' ? 'positive' : 'negative' })),
            activate ?? false,
          );
        }),
      activateSentimentModel: (_p, { version }) => mapErrors(() => models.activate(version)),
    },
  };
}
