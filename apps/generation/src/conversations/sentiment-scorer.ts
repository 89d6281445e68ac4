import { LexiconSentimentModel } from '@c360/sentiment';

/** A message's sentiment in [-1, 1] (negative is unhappy). The bot depends on this and nothing wider. */
export interface SentimentScorer {
  score(text: string): number;
}

/** The platform's shipped offline model (libs/sentiment), the one insights scores touchpoint text with. */
export function defaultSentimentScorer(): SentimentScorer {
  const model = new LexiconSentimentModel();
  return { score: (text) => model.score(text).score };
}
