import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/** A message's sentiment in [-1, 1] (negative is unhappy). The bot depends on this and nothing wider. */
export interface SentimentScorer {
  score(text: string): number;
}

/**
 * wink-nlp's lexicon sentiment, offline. Stands in until libs/sentiment (the platform's default
 * offline model) is on main; switching is the one line in `defaultSentimentScorer`.
 */
export class WinkSentimentScorer implements SentimentScorer {
  private readonly nlp = winkNLP(model);

  score(text: string): number {
    const value = this.nlp.readDoc(text).out(this.nlp.its.sentiment);
    return typeof value === 'number' && Number.isFinite(value) ? Math.max(-1, Math.min(1, value)) : 0;
  }
}

export function defaultSentimentScorer(): SentimentScorer {
  return new WinkSentimentScorer();
}
