import type { ConsentClient } from '@c360/consent-client';
import { EventPublisher, type CustomerIdentityView, type Logger, type QueueContext } from '@c360/service-kit';
import type { Connection } from 'mongoose';
import type { DropoffSettings } from '../domain/dropoff/dropoff-risk';
import { startPeriodicTask } from '../workers/periodic-task';
import { CompletionTimingRepository } from './completion-timing.repository';
import type { DropoffConfig } from './dropoff.config';
import { dropoffSubjectData } from './dropoff-privacy';
import { DropoffSweep } from './dropoff-sweep';
import { JourneyInstanceRepository } from './journey-instance.repository';
import { JourneyTracker } from './journey-tracker';

export function dropoffSettingsOf(config: DropoffConfig): DropoffSettings {
  return {
    usualQuantile: config.DROPOFF_USUAL_QUANTILE,
    minCompletions: config.DROPOFF_MIN_COMPLETIONS,
    defaultUsualMs: config.DROPOFF_DEFAULT_USUAL_MINUTES * 60_000,
    threshold: config.DROPOFF_THRESHOLD,
  };
}

/** Drop-off detection inside insights: journeys followed from customer.updated, a sweep announcing abandoned ones. */
export async function startDropoff(deps: {
  mongo: Connection;
  queues: QueueContext;
  identities: CustomerIdentityView;
  consent: Pick<ConsentClient, 'isAllowed'>;
  config: DropoffConfig;
  consentPurpose: string;
  logger: Logger;
}) {
  const instances = new JourneyInstanceRepository(deps.mongo);
  const timings = new CompletionTimingRepository(deps.mongo);
  await Promise.all([instances.ensureIndexes(), timings.ensureIndexes()]);
  const settings = dropoffSettingsOf(deps.config);
  const tracker = new JourneyTracker({ instances, timings, identities: deps.identities, journeys: deps.config.DROPOFF_JOURNEYS, settings });
  const publisher = new EventPublisher(deps.queues);
  const sweep = new DropoffSweep({
    instances,
    timings,
    identities: deps.identities,
    consent: deps.consent,
    publisher,
    settings,
    consentPurpose: deps.consentPurpose,
  });
  const task = startPeriodicTask('drop-off sweep', deps.config.DROPOFF_SWEEP_MS, () => sweep.run(), deps.logger);
  return {
    onCustomerUpdated: tracker.onCustomerUpdated.bind(tracker),
    /** For customer.split: attempts go where their touchpoints go. */
    assignMessages: instances.assignMessages.bind(instances),
    privacy: dropoffSubjectData(instances, deps.queues),
    close: async () => {
      await task.close();
      await publisher.close();
    },
  };
}
