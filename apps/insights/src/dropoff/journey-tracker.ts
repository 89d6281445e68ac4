import { createHash } from 'node:crypto';
import { touchpointsOf, type CustomerUpdatedEvent } from '@c360/contracts';
import type { CustomerIdentityView } from '@c360/service-kit';
import { usualTimeMs, type DropoffSettings } from '../domain/dropoff/dropoff-risk';
import { roleOf, type JourneyDefinition } from '../domain/dropoff/journey-definitions';
import { foldJourneyTouches, type AttemptChange, type JourneyTouch } from '../domain/dropoff/journey-fold';
import type { CompletionTimingRepository } from './completion-timing.repository';
import type { JourneyInstanceRepository } from './journey-instance.repository';

export interface JourneyTrackerDeps {
  instances: JourneyInstanceRepository;
  timings: CompletionTimingRepository;
  identities: CustomerIdentityView;
  journeys: readonly JourneyDefinition[];
  settings: DropoffSettings;
}

/** Folds that lost the race to another writer in a row before the job gives up and BullMQ retries it later. */
const MAX_FOLDS = 8;

/** Deterministic, so the same start event delivered twice makes one attempt. */
function instanceIdOf(journey: string, startMessageId: string): string {
  return createHash('sha256').update(journey).update('\u0000').update(startMessageId).digest('hex').slice(0, 32);
}

/**
 * Follows journeys per customer as customer.updated brings their touchpoints: each journey's touches
 * of one update are folded into the person's attempts in memory (domain/dropoff/journey-fold.ts) and
 * each attempt is written once, whole, so the drop-off sweep never sees half an update. A write that
 * finds the attempt changed since it was read (the sweep claimed it, another delivery moved it) folds
 * again from what is stored; touches already applied are skipped, so a redelivered update changes nothing.
 */
export class JourneyTracker {
  constructor(private readonly deps: JourneyTrackerDeps) {}

  async onCustomerUpdated(event: CustomerUpdatedEvent): Promise<void> {
    const touches: JourneyTouch[] = touchpointsOf(event).flatMap((t) =>
      t.eventKey === undefined ? [] : [{ messageId: t.messageId, event: t.eventKey, at: new Date(t.occurredAt) }],
    );
    const journeys = this.deps.journeys.filter((j) => touches.some((t) => roleOf(j, t.event)));
    if (journeys.length === 0) return;
    const ids = await this.deps.identities.expand(event.customerId);
    for (const journey of journeys) await this.follow(event.customerId, ids, journey, touches);
  }

  private async follow(customerId: string, ids: readonly string[], journey: JourneyDefinition, touches: readonly JourneyTouch[]): Promise<void> {
    const mine = touches.filter((t) => roleOf(journey, t.event));
    const messageIds = mine.map((t) => t.messageId);
    for (let fold = 1; ; fold++) {
      const [latest, applied, timing] = await Promise.all([
        this.deps.instances.latest(ids, journey.name),
        this.deps.instances.appliedMessages(ids, journey.name, messageIds),
        this.deps.timings.get(journey.name),
      ]);
      const changes = foldJourneyTouches({
        journey,
        customerId,
        latest,
        applied,
        touches: mine,
        usualMs: usualTimeMs(timing, this.deps.settings),
        attemptIdOf: (startMessageId) => instanceIdOf(journey.name, startMessageId),
      });
      if (await this.writeAll(journey.name, changes)) return;
      if (fold >= MAX_FOLDS) throw new Error(`journey ${journey.name}: attempts kept changing under this update`);
    }
  }

  /** Writes each change in order; false at the first that lost to another writer (the ones before it stay applied). */
  private async writeAll(journey: string, changes: readonly AttemptChange[]): Promise<boolean> {
    for (const change of changes) {
      if (!(await this.deps.instances.save(change))) return false;
      // Counted only by the write that made the change, so a journey's timing counts each attempt once.
      if (change.readRevision === null) await this.deps.timings.addStart(journey);
      if (change.completedAfterMs !== null) await this.deps.timings.addCompletion(journey, change.completedAfterMs);
    }
    return true;
  }
}
