/**
 * Token ids for events and channels. Id 0 is padding, 1 stands for anything seen fewer than `minCount`
 * times in training (or never): the models must answer for events they have not learned.
 */
export interface Vocabulary {
  tokens: string[];
}

export const PAD = 0;
export const RARE = 1;
const RARE_TOKEN = '<rare>';

export function buildVocabulary(values: Iterable<string>, minCount = 2): Vocabulary {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const kept = [...counts]
    .filter(([, n]) => n >= minCount)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([v]) => v);
  return { tokens: ['<pad>', RARE_TOKEN, ...kept] };
}

export function tokenIndex(vocabulary: Vocabulary): Map<string, number> {
  return new Map(vocabulary.tokens.map((t, i) => [t, i]));
}

export function idOf(index: Map<string, number>, value: string | undefined): number {
  return value === undefined ? RARE : (index.get(value) ?? RARE);
}
