import { identifierList, ingestJobSchema, personTraitsOf, jobIdFor, type ResolveJob } from '@c360/contracts';
import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import type { TouchpointRepository } from '../store/touchpoint.repository';

/**
 * touchpoint-ingest: store once, then ask identity-graph to resolve. Resolution is queued whether
 * the touchpoint was just stored or already there, so a worker that crashed between the two steps
 * finishes the work on retry; the deterministic job id keeps a replay from queueing it twice.
 */
export function createIngestProcessor(touchpoints: TouchpointRepository, resolveQueue: Queue<ResolveJob>) {
  return async (job: Job): Promise<'stored' | 'duplicate'> => {
    const parsed = ingestJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed touchpoint-ingest job: ${parsed.error.message}`);
    const { touchpoint, receivedAt } = parsed.data;
    const { outcome, occurredAt } = await touchpoints.insertOnce(touchpoint, new Date(receivedAt));
    await resolveQueue.add(
      'resolve',
      // The clock-skew-corrected time, so every service orders this touchpoint the same way.
      {
        messageId: touchpoint.messageId,
        channel: touchpoint.channel,
        occurredAt: occurredAt.toISOString(),
        identifiers: identifierList(touchpoint),
        traits: personTraitsOf(touchpoint),
        source: touchpoint.source,
      },
      { jobId: jobIdFor('res', touchpoint.messageId) },
    );
    return outcome;
  };
}
