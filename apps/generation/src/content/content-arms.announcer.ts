import { contentArmsJobId, EVENTS } from '@c360/contracts';
import type { EventPublisher, Logger } from '@c360/service-kit';
import { contentApprovedEvent, contentWithdrawnEvent } from '../domain/content/content-arms';
import type { ContentDraft, ContentDraftRepository } from './store/content-draft.repository';

/**
 * Tells insights' next best action which drafts' variants are arms (content.approved) and which no
 * longer are (content.withdrawn). An event rather than insights calling generation: decisions then
 * never wait on generation, and go on with the arms they have when it is down.
 *
 * The event to send is stored with the status change in one write (`armsPending`), published right
 * after, then cleared. Should Redis be out or the process die in between, the sweep publishes it
 * later: an approval is never stored without its announcement eventually following. Job ids are one
 * per draft and event, and insights applies both idempotently, so publishing twice is harmless.
 */
export class ContentArmsAnnouncer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly deps: {
      drafts: Pick<ContentDraftRepository, 'pendingArms' | 'armsAnnounced'>;
      publisher: Pick<EventPublisher, 'publish'>;
      logger: Logger;
      /** How long an announcement may wait for its first try before the sweep takes it. */
      graceMs?: number;
    },
  ) {}

  /** Publishes a draft's pending event; a failure is left to the sweep (the review itself stands). */
  async announce(draft: ContentDraft): Promise<void> {
    const event = draft.armsPending;
    if (!event) return;
    try {
      const payload = event === EVENTS.contentApproved ? contentApprovedEvent(draft) : contentWithdrawnEvent(draft);
      await this.deps.publisher.publish(event, payload, contentArmsJobId(event, draft.id));
      await this.deps.drafts.armsAnnounced(draft.id, event);
    } catch (err) {
      this.deps.logger.warn({ event, err: err instanceof Error ? err.message : String(err) }, 'content arms event not published yet; the sweep retries');
    }
  }

  /** Publishes what is still pending; returns how many were tried. */
  async sweep(now = new Date(), limit = 200): Promise<number> {
    const pending = await this.deps.drafts.pendingArms(new Date(now.getTime() - (this.deps.graceMs ?? 5_000)), limit);
    for (const draft of pending) await this.announce(draft);
    return pending.length;
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sweep()
        .catch((err: unknown) => this.deps.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'content arms sweep failed'))
        .finally(() => (this.running = null));
    }, intervalMs);
    this.timer.unref();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
