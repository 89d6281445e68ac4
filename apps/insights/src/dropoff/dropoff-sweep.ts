import { CHANNELS, EVENTS, type Channel, type JourneyDropoffEvent } from '@c360/contracts';
import type { ConsentClient } from '@c360/consent-client';
import type { CustomerIdentityView, EventPublisher } from '@c360/service-kit';
import type { CompletionTiming } from '../domain/dropoff/completion-timing';
import { judgeOpenJourney, type DropoffSettings } from '../domain/dropoff/dropoff-risk';
import type { CompletionTimingRepository } from './completion-timing.repository';
import type { JourneyInstance, JourneyInstanceRepository } from './journey-instance.repository';

export interface DropoffSweepDeps {
  instances: JourneyInstanceRepository;
  timings: CompletionTimingRepository;
  identities: CustomerIdentityView;
  consent: Pick<ConsentClient, 'isAllowed'>;
  publisher: Pick<EventPublisher, 'publish'>;
  settings: DropoffSettings;
  consentPurpose: string;
  now?: () => Date;
}

const LEASE_MS = 5 * 60_000;
const BATCH = 200;

/**
 * Looks at open journeys whose time has come and announces the abandoned ones.
 *
 * A periodic sweep over an indexed due time rather than one BullMQ delayed job per started journey:
 * the due time moves as the journey's usual time is learnt (a delayed job would fire on the
 * estimate of the day it started), a journey completed meanwhile needs no job found and removed,
 * and the attempts live only in MongoDB, where erasure, export, retention and splits already reach
 * them, instead of also as jobs naming a customer in Redis. The cost is up to one sweep interval of
 * delay (DROPOFF_SWEEP_MS) and one indexed query per interval.
 */
export class DropoffSweep {
  private readonly now: () => Date;

  constructor(private readonly deps: DropoffSweepDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** One pass; returns how many journey.dropoff events were published. */
  async run(): Promise<number> {
    const now = this.now();
    const timings = new Map<string, CompletionTiming>();
    let published = 0;
    for (const instance of await this.deps.instances.due(now, BATCH)) {
      let timing = timings.get(instance.journey);
      if (!timing) timings.set(instance.journey, (timing = await this.deps.timings.get(instance.journey)));
      const verdict = judgeOpenJourney(timing, now.getTime() - instance.startedAt.getTime(), this.deps.settings);
      if (verdict.kind === 'wait') await this.deps.instances.reschedule(instance, new Date(instance.startedAt.getTime() + verdict.recheckAtMs), verdict.score);
      else if (verdict.kind === 'lapse') await this.deps.instances.settle(instance, 'lapsed', verdict.score, now);
      else {
        // The claim holds only if the attempt is still as read: the event then says where the customer really is.
        const claimed = await this.deps.instances.claim(instance, new Date(now.getTime() + LEASE_MS));
        if (claimed && (await this.announce(claimed, verdict.score, now))) published++;
      }
    }
    return published;
  }

  /**
   * Publishes only to a customer whose consent allows marketing on some channel (and who is not
   * restricted: the consent client answers no for them); the event names those channels.
   */
  private async announce(instance: JourneyInstance, score: number, now: Date): Promise<boolean> {
    const customerId = await this.deps.identities.survivorOf(instance.customerId);
    const channels = await this.consentedChannels(customerId);
    if (channels.length === 0) {
      await this.deps.instances.settleClaimed(instance.id, 'suppressed', score, now);
      return false;
    }
    const event: JourneyDropoffEvent = {
      dropoffId: instance.id,
      customerId,
      journey: instance.journey,
      stepReached: instance.stepReached,
      stepIndex: instance.stepIndex,
      score,
      startedAt: instance.startedAt.toISOString(),
      detectedAt: now.toISOString(),
      channels,
    };
    // Published before it is marked: a crash between the two publishes again after the lease, under the same job id.
    await this.deps.publisher.publish(EVENTS.journeyDropoff, event, `dropoff-${instance.id}`);
    await this.deps.instances.settleClaimed(instance.id, 'notified', score, now);
    return true;
  }

  private async consentedChannels(customerId: string): Promise<Channel[]> {
    const purpose = this.deps.consentPurpose;
    const answers = await Promise.all(CHANNELS.map((channel) => this.deps.consent.isAllowed({ customerId, purpose, channel })));
    return CHANNELS.filter((_, i) => answers[i]);
  }
}
