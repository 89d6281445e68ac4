import { createHash } from 'node:crypto';
import { touchpointsOf, type CustomerUpdatedEvent } from '@c360/contracts';
import type { CustomerIdentityView } from '@c360/service-kit';
import { usualTimeMs, type DropoffSettings } from '../domain/dropoff/dropoff-risk';
import { roleOf, type JourneyDefinition } from '../domain/dropoff/journey-definitions';
import type { CompletionTimingRepository } from './completion-timing.repository';
import type { JourneyInstanceRepository } from './journey-instance.repository';

export interface JourneyTrackerDeps {
  instances: JourneyInstanceRepository;
  timings: CompletionTimingRepository;
  identities: CustomerIdentityView;
  journeys: readonly JourneyDefinition[];
  settings: DropoffSettings;
}

/** Deterministic, so the same start event delivered twice makes one attempt. */
function instanceIdOf(journey: string, startMessageId: string): string {
  return createHash('sha256').update(journey).update('\u0000').update(startMessageId).digest('hex').slice(0, 32);
}

/**
 * Follows journeys per customer as customer.updated brings their touchpoints, in order: a start
 * opens an attempt (unless one is open already: the customer is still at it), a step moves it on,
 * a completion closes the latest attempt and teaches the journey how long completing takes.
 * Completions after a drop-off was announced count too, or the learnt time would only ever shrink.
 */
export class JourneyTracker {
  constructor(private readonly deps: JourneyTrackerDeps) {}

  async onCustomerUpdated(event: CustomerUpdatedEvent): Promise<void> {
    const touches = touchpointsOf(event).filter((t) => t.eventKey !== undefined);
    if (touches.length === 0 || !touches.some((t) => this.deps.journeys.some((j) => roleOf(j, t.eventKey as string)))) return;
    const ids = await this.deps.identities.expand(event.customerId);
    // Completions already applied to an attempt opened by this same update.
    const consumed = new Set<string>();
    for (const [i, touch] of touches.entries()) {
      for (const journey of this.deps.journeys) {
        const role = roleOf(journey, touch.eventKey as string);
        if (!role || consumed.has(touch.messageId)) continue;
        const at = new Date(touch.occurredAt);
        const current = await this.deps.instances.current(ids, journey.name);
        if (role.role === 'start') {
          if (current?.status === 'open') continue;
          // Started and finished within one update (late or batched events): never open, or a sweep could announce it in between.
          const completion = touches.slice(i + 1).find((t) => roleOf(journey, t.eventKey as string)?.role === 'complete' && new Date(t.occurredAt) >= at);
          if (completion) consumed.add(completion.messageId);
          await this.open(event.customerId, journey, touch.messageId, touch.eventKey as string, at, completion);
        } else if (role.role === 'step') {
          if (current?.status === 'open') await this.deps.instances.step(current.id, touch.eventKey as string, role.index, touch.messageId);
        } else if (current && current.startedAt <= at) {
          const completed = await this.deps.instances.complete(current.id, at, touch.messageId);
          if (completed) await this.deps.timings.addCompletion(journey.name, at.getTime() - completed.startedAt.getTime());
        }
      }
    }
  }

  private async open(
    customerId: string,
    journey: JourneyDefinition,
    messageId: string,
    event: string,
    at: Date,
    completion?: { messageId: string; occurredAt: string },
  ): Promise<void> {
    const timing = await this.deps.timings.get(journey.name);
    const completedAt = completion ? new Date(completion.occurredAt) : null;
    const created = await this.deps.instances.start({
      id: instanceIdOf(journey.name, messageId),
      customerId,
      journey: journey.name,
      startMessageId: messageId,
      messageIds: completion ? [messageId, completion.messageId] : [messageId],
      startedAt: at,
      stepReached: event,
      stepIndex: 0,
      status: completedAt ? 'completed' : 'open',
      dueAt: new Date(at.getTime() + usualTimeMs(timing, this.deps.settings)),
      score: null,
      closedAt: completedAt,
    });
    if (!created) return;
    await this.deps.timings.addStart(journey.name);
    if (completedAt) await this.deps.timings.addCompletion(journey.name, completedAt.getTime() - at.getTime());
  }
}
