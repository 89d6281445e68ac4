import { parseTouchpoint } from '../domain/validate-batch';
import type { QuarantinedTouchpointDoc, QuarantineRepository } from '../store/quarantine.repository';
import type { TouchpointIntake } from './touchpoint-intake';

export interface ReplayResult {
  messageId: string;
  status: 'accepted' | 'rejected' | 'quarantined';
  reason: string | null;
}

/**
 * Sends held items through intake again, against the schemas as they are now and with their first
 * receipt time. An item that passes is queued (its deterministic job id keeps a double replay from
 * storing it twice) and marked replayed; one that still violates stays held with fresh reasons.
 */
export class QuarantineReplay {
  constructor(
    private readonly quarantine: QuarantineRepository,
    private readonly intake: TouchpointIntake,
  ) {}

  async replay(messageIds: readonly string[]): Promise<ReplayResult[]> {
    const entries = await this.quarantine.held(messageIds);
    const found = await this.replayEntries(entries);
    const missing = messageIds.filter((id) => !entries.some((e) => e._id === id));
    return [
      ...found,
      ...missing.map((messageId) => ({ messageId, status: 'rejected' as const, reason: 'NOT_HELD: no held quarantine entry with this messageId' })),
    ];
  }

  async replayEvent(event: string, limit: number): Promise<ReplayResult[]> {
    return this.replayEntries(await this.quarantine.heldOfEvent(event, limit));
  }

  /** A data fix: replaces the held item's properties, then replays it. */
  async correct(messageId: string, properties: Record<string, unknown>): Promise<ReplayResult> {
    const [entry] = await this.quarantine.held([messageId]);
    if (!entry) return { messageId, status: 'rejected', reason: 'NOT_HELD: no held quarantine entry with this messageId' };
    const item = { ...(JSON.parse(entry.item) as Record<string, unknown>), properties };
    await this.quarantine.correct(messageId, item);
    const [result] = await this.replayEntries([{ ...entry, item: JSON.stringify(item) }]);
    return result ?? { messageId, status: 'rejected', reason: 'NOT_HELD: no held quarantine entry with this messageId' };
  }

  private async replayEntries(entries: readonly QuarantinedTouchpointDoc[]): Promise<ReplayResult[]> {
    const results: ReplayResult[] = [];
    const parsed = entries.flatMap((e) => {
      const p = parseTouchpoint(JSON.parse(e.item), new Date(e.receivedAt), this.intake.window);
      if (!p.ok) results.push({ messageId: e._id, status: 'rejected', reason: p.reason });
      return p.ok ? [p.touchpoint] : [];
    });
    const verdicts = await this.intake.screen(parsed, new Map(entries.map((e) => [e._id, new Date(e.receivedAt)])));
    const passed = parsed.filter((t) => !verdicts.has(t.messageId)).map((t) => t.messageId);
    await this.quarantine.markReplayed(passed);
    for (const t of parsed) {
      const v = verdicts.get(t.messageId);
      results.push({ messageId: t.messageId, status: v?.status ?? 'accepted', reason: v?.reason ?? null });
    }
    return results;
  }
}
