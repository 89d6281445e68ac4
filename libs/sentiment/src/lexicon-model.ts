import { labelOf, type SentimentModel, type SentimentScore } from './sentiment-label';
import { wink } from './text-tokens';

/**
 * The shipped default: wink-nlp's English sentiment (a lexicon with emoji, emoticons, intensifiers
 * and negation scope), −1…1 over the whole document. Nothing here was fitted on any data set, so it
 * can be evaluated on any labelled file without a split.
 */
export class LexiconSentimentModel implements SentimentModel {
  readonly version = 'lexicon';

  score(text: string): SentimentScore {
    const trimmed = text.trim();
    if (trimmed.length === 0) return { score: 0, label: 'neutral' };
    const raw = wink().readDoc(trimmed).out(wink().its.sentiment) as unknown as number;
    const score = Number.isFinite(raw) ? Math.max(-1, Math.min(1, raw)) : 0;
    return { score, label: labelOf(score) };
  }
}
