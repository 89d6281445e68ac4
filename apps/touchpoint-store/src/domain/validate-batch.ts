import { touchpointInputSchema, type TouchpointInput } from '@c360/contracts';

export type ItemResult =
  | { index: number; messageId: string | null; status: 'accepted' }
  | { index: number; messageId: string | null; status: 'rejected'; reason: string };

export interface ValidatedBatch {
  accepted: TouchpointInput[];
  results: ItemResult[];
}

function messageIdOf(item: unknown): string | null {
  const id = (item as { messageId?: unknown } | null)?.messageId;
  return typeof id === 'string' ? id : null;
}

/**
 * Judges every item on its own: a bad item is reported with its reason and never costs the good
 * ones their place. A messageId repeated within one batch is accepted once.
 */
export function validateBatch(items: readonly unknown[]): ValidatedBatch {
  const accepted: TouchpointInput[] = [];
  const seen = new Set<string>();
  const results = items.map((item, index): ItemResult => {
    const parsed = touchpointInputSchema.safeParse(item);
    if (!parsed.success) {
      const reason = parsed.error.issues.map((i) => `${i.path.join('.') || 'item'}: ${i.message}`).join('; ');
      return { index, messageId: messageIdOf(item), status: 'rejected', reason };
    }
    if (!seen.has(parsed.data.messageId)) {
      seen.add(parsed.data.messageId);
      accepted.push(parsed.data);
    }
    return { index, messageId: parsed.data.messageId, status: 'accepted' };
  });
  return { accepted, results };
}
