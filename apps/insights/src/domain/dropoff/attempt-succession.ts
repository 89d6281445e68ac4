import { createHash } from 'node:crypto';

/**
 * The id of the attempt that follows `previousId` in a person's attempts at a journey (null: the
 * person's first, keyed by `personId`, the survivor of their ids).
 *
 * This is what keeps one open attempt per person and journey without transactions: the id depends
 * only on the attempt the fold read as the person's latest, never on the start event that opens the
 * new one, so every fold that read the same latest and wants to start an attempt writes the same
 * document, and the unique `_id` lets exactly one of them create it. The others fail their insert,
 * fold again from the store, and find the attempt they raced for (a start then joins it while it is
 * open). Each attempt thus has at most one successor: a person's attempts form one chain whose head
 * is the only one that can be open, since an attempt is followed only once it is closed, and a
 * closed attempt never reopens.
 *
 * `taken` holds ids this person found held by someone else's attempt: a split gave the touchpoints
 * of a successor to the restored customer, leaving its predecessor here. The next candidate is
 * derived in turn, the same for every fold of this person, so they still meet on one id.
 */
export function nextAttemptId(journey: string, previousId: string | null, personId: string, taken: ReadonlySet<string> = new Set()): string {
  const after = previousId === null ? `first\u0000${personId}` : `after\u0000${previousId}`;
  for (let candidate = 0; ; candidate++) {
    const id = createHash('sha256').update(`next\u0000${journey}\u0000${after}\u0000${candidate}`).digest('hex').slice(0, 32);
    if (!taken.has(id)) return id;
  }
}
