import { createHash } from 'node:crypto';

/**
 * The place of an attempt opened after `previousId` in a person's attempts at a journey (null: the
 * person's first, keyed by `personId`, the survivor of their ids), as the key kept in its `succeeds`.
 *
 * This is what keeps one open attempt per person and journey without transactions: the key depends
 * only on the attempt the fold read as the person's latest, never on the start event that opens the
 * new one, so every fold that read the same latest and wants to open an attempt claims the same key,
 * and a unique index lets exactly one of them insert it. The others fail their insert, fold again from
 * the store, and find the attempt they raced for (a start then joins it while it is open). Each
 * attempt thus has at most one successor: a person's attempts form one chain whose head is the only
 * one that can be open, since an attempt is followed only once it is closed, and a closed attempt
 * never reopens.
 *
 * `taken` holds keys this person found held by someone else's attempt: a split gave an attempt to
 * the restored customer, leaving the one it followed here. The next candidate is derived in turn, the
 * same for every fold of this person, so they still meet on one key.
 */
export function successionKey(journey: string, previousId: string | null, personId: string, taken: ReadonlySet<string> = new Set()): string {
  const after = previousId === null ? `first\u0000${personId}` : `after\u0000${previousId}`;
  for (let candidate = 0; ; candidate++) {
    const key = createHash('sha256').update(`${journey}\u0000${after}\u0000${candidate}`).digest('hex').slice(0, 32);
    if (!taken.has(key)) return key;
  }
}
