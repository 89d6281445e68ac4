import { parseIntakeItem, type IntakeParse, type TimeWindow, type TouchpointInput } from '@c360/contracts';

export type ItemStatus = 'accepted' | 'rejected' | 'quarantined';

export type ItemResult =
  | { index: number; messageId: string | null; status: 'accepted' }
  | { index: number; messageId: string | null; status: 'rejected' | 'quarantined'; reason: string };

export interface ValidatedBatch {
  accepted: TouchpointInput[];
  results: ItemResult[];
}

function messageIdOf(item: unknown): string | null {
  const id = (item as { messageId?: unknown } | null)?.messageId;
  return typeof id === 'string' ? id : null;
}

/** Reads one item against the intake contract (envelope and time window); the reason names each offending field. */
export function parseTouchpoint(item: unknown, receivedAt: Date, window: TimeWindow): IntakeParse {
  return parseIntakeItem(item, receivedAt, window);
}

/**
 * Judges every item on its own: a bad item is reported with its reason and never costs the good
 * ones their place. A messageId repeated within one batch is accepted once.
 */
export function validateBatch(items: readonly unknown[], receivedAt: Date, window: TimeWindow): ValidatedBatch {
  const accepted: TouchpointInput[] = [];
  const seen = new Set<string>();
  const results = items.map((item, index): ItemResult => {
    const parsed = parseTouchpoint(item, receivedAt, window);
    if (!parsed.ok) return { index, messageId: messageIdOf(item), status: 'rejected', reason: parsed.reason };
    if (!seen.has(parsed.touchpoint.messageId)) {
      seen.add(parsed.touchpoint.messageId);
      accepted.push(parsed.touchpoint);
    }
    return { index, messageId: parsed.touchpoint.messageId, status: 'accepted' };
  });
  return { accepted, results };
}

/** Replaces the verdict of accepted items that later checks (suppression, schemas) turned down. */
export function applyVerdicts(
  results: readonly ItemResult[],
  verdicts: ReadonlyMap<string, { status: 'rejected' | 'quarantined'; reason: string }>,
): ItemResult[] {
  return results.map((r) => {
    const verdict = r.status === 'accepted' && r.messageId !== null ? verdicts.get(r.messageId) : undefined;
    return verdict ? { index: r.index, messageId: r.messageId, ...verdict } : r;
  });
}
