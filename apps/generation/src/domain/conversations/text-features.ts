/**
 * Text to a sparse feature vector by the hashing trick: word unigrams and bigrams, and character
 * trigrams of each word (which carry misspellings and word forms the training set never showed).
 * Hashing keeps the model a fixed size with no vocabulary to store or keep in step with the data.
 */
export type SparseVector = Map<number, number>;

export const FEATURE_BITS = 15;
const DIMENSIONS = 1 << FEATURE_BITS;

/** FNV-1a, 32 bits: fast, deterministic across runs and platforms, good enough spread for bucketing. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % DIMENSIONS;
}

export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’]/g, '')
    .replace(/\d+/g, '0')
    .split(/[^a-z0]+/)
    .filter(Boolean);
}

function grams(tokens: readonly string[]): string[] {
  const out: string[] = [];
  tokens.forEach((t, i) => {
    out.push(`w:${t}`);
    if (i > 0) out.push(`b:${tokens[i - 1]}_${t}`);
    const padded = `<${t}>`;
    for (let j = 0; j + 3 <= padded.length; j++) out.push(`c:${padded.slice(j, j + 3)}`);
  });
  return out;
}

/** Sublinear counts (1 + ln tf), scaled to unit length so long messages do not outvote short ones. */
export function featurize(text: string): SparseVector {
  const counts: SparseVector = new Map();
  for (const g of grams(tokenize(text))) {
    const k = hash(g);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let norm = 0;
  for (const [k, c] of counts) {
    const v = 1 + Math.log(c);
    counts.set(k, v);
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [k, v] of counts) counts.set(k, v / norm);
  return counts;
}
