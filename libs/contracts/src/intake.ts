import { timeWindowIssue, type TimeWindow } from './time-window';
import { touchpointInputSchema, type TouchpointInput } from './touchpoint';

export type IntakeParse = { ok: true; touchpoint: TouchpointInput } | { ok: false; reason: string };

/**
 * The intake contract of one item: its envelope (touchpointInputSchema: shapes, well-formed strings)
 * and its times (the window, after clock-skew correction). Every job schema is derived from the same
 * field schemas, so an item this accepts is one every later stage can process.
 */
export function parseIntakeItem(item: unknown, receivedAt: Date, window: TimeWindow): IntakeParse {
  const parsed = touchpointInputSchema.safeParse(item);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues.map((i) => `${i.path.join('.') || 'item'}: ${i.message}`).join('; ') };
  const outOfRange = timeWindowIssue(parsed.data, receivedAt, window);
  return outOfRange ? { ok: false, reason: outOfRange } : { ok: true, touchpoint: parsed.data };
}
