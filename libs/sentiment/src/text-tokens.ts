import winkNLP, { type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

let nlp: WinkMethods | undefined;

/** One wink pipeline per process: loading its English model takes a few hundred milliseconds. */
export function wink(): WinkMethods {
  nlp ??= winkNLP(model);
  return nlp;
}

const KEPT_TYPES = new Set(['word', 'number', 'emoji', 'emoticon', 'hashtag']);

/**
 * The words of a text as a classifier sees them: lower-cased normal forms (contractions expanded by
 * wink: "didn't" → "did", "not"), words in a negation's scope prefixed with `not_` so "not good" and
 * "good" are different features, punctuation dropped.
 */
export function classifierTokens(text: string): string[] {
  const its = wink().its;
  const tokens = wink().readDoc(text).tokens();
  const normals = tokens.out(its.normal) as string[];
  const types = tokens.out(its.type) as string[];
  const negated = tokens.out(its.negationFlag) as unknown as boolean[];
  const out: string[] = [];
  normals.forEach((normal, i) => {
    if (!KEPT_TYPES.has(types[i] ?? '')) return;
    out.push(negated[i] ? `not_${normal}` : normal);
  });
  return out;
}

/** Unigrams and bigrams: bigrams keep short phrases ("waste of", "highly recommend") a bag of words loses. */
export function ngrams(tokens: readonly string[]): string[] {
  const grams = [...tokens];
  for (let i = 1; i < tokens.length; i++) grams.push(`${tokens[i - 1]} ${tokens[i]}`);
  return grams;
}
