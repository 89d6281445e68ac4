import { createHash } from 'node:crypto';
import { touchpointsOf, type CustomerUpdatedEvent } from '@c360/contracts';
import type { CustomerIdentityView } from '@c360/service-kit';
import { successionKey } from '../domain/dropoff/attempt-succession';
import { usualTimeMs, type DropoffSettings } from '../domain/dropoff/dropoff-risk';
import { roleOf, type JourneyDefinition } from '../domain/dropoff/journey-definitions';
import { foldJourneyTouches, type AttemptChange, type JourneyAttempt, type JourneyTouch } from '../domain/dropoff/journey-fold';
import type { CompletionTimingRepository } from './completion-timing.repository';
import type { JourneyInstanceRepository } from './journey-instance.repository';

export interface JourneyTrackerDeps {
  instances: JourneyInstanceRepository;
  timings: CompletionTimingRepository;
  identities: CustomerIdentityView;
  journeys: readonly JourneyDefinition[];
  settings: DropoffSettings;
}

/** Who an update is about: the survivor of its customer id, and every id merged into it. */
interface Person {
  survivor: string;
  ids: readonly string[];
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
 *
 * A new attempt takes a place named after the attempt it follows (domain/dropoff/attempt-succession.ts),
 * unique in the store, so two different updates of one person folded at once (two workers, two
 * replicas) that both read the same latest attempt, or none, race for one place: one inserts its
 * attempt, the other's insert fails and it folds again onto what the first created. That is what keeps
 * one open attempt per person and journey without a transaction; the revision check alone protects
 * only an attempt that exists.
 */
export class JourneyTracker {
  constructor(private readonly deps: JourneyTrackerDeps) {}

  async onCustomerUpdated(event: CustomerUpdatedEvent): Promise<void> {
    const touches: JourneyTouch[] = touchpointsOf(event).flatMap((t) =>
      t.eventKey === undefined ? [] : [{ messageId: t.messageId, event: t.eventKey, at: new Date(t.occurredAt) }],
    );
    const journeys = this.deps.journeys.filter((j) => touches.some((t) => roleOf(j, t.event)));
    if (journeys.length === 0) return;
    // The person as insights knows them now: an update about an id merged away since (a late
    // delivery) is folded into the survivor's attempts, and races the survivor's own updates for them.
    const survivor = await this.deps.identities.survivorOf(event.customerId);
    const ids = await this.deps.identities.expand(survivor);
    for (const journey of journeys) await this.follow(event.customerId, { survivor, ids }, journey, touches);
  }

  private async follow(customerId: string, { survivor, ids }: Person, journey: JourneyDefinition, touches: readonly JourneyTouch[]): Promise<void> {
    const mine = touches.filter((t) => roleOf(journey, t.event));
    const messageIds = mine.map((t) => t.messageId);
    // Places found held by another person's attempt (a split moved it away): passed over.
    const taken = new Set<string>();
    for (let fold = 1; ; fold++) {
      const [latest, applied, timing] = await Promise.all([
        this.deps.instances.latest(ids, journey.name),
        this.deps.instances.appliedMessages(journey.name, messageIds),
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
        placeAfter: (previous) => successionKey(journey.name, previous?.id ?? null, survivor, taken),
      });
      const lost = await this.writeAll(journey.name, changes);
      if (!lost) return;
      if (lost.readRevision === null) await this.passOverIfForeign(lost.attempt, ids, taken);
      if (fold >= MAX_FOLDS) throw new Error(`journey ${journey.name}: attempts kept changing under this update`);
    }
  }

  /**
   * A new attempt's insert failed. Usually its place was taken by this person's own attempt, opened
   * by a racing update: the next fold reads it. If the holder is someone else's, a split took it
   * along with its touchpoints, and this person's next attempt needs the next place in turn.
   */
  private async passOverIfForeign(attempt: JourneyAttempt, ids: readonly string[], taken: Set<string>): Promise<void> {
    const { succeeds } = attempt;
    if (succeeds === undefined) return;
    const holder = await this.deps.instances.holding(succeeds);
    if (holder && !ids.includes(holder.customerId)) taken.add(succeeds);
  }

  /** Writes each change in order; answers the first that lost to another writer (the ones before it stay applied), or null. */
  private async writeAll(journey: string, changes: readonly AttemptChange[]): Promise<AttemptChange | null> {
    for (const change of changes) {
      if (!(await this.deps.instances.save(change))) return change;
      // Counted only by the write that made the change, so a journey's timing counts each attempt once.
      if (change.readRevision === null) await this.deps.timings.addStart(journey);
      if (change.completedAfterMs !== null) await this.deps.timings.addCompletion(journey, change.completedAfterMs);
    }
    return null;
  }
}
