import {
  batchJobOf,
  EVENTS,
  jobIdFor,
  QUEUES,
  resolveJobSchema,
  touchpointRefOf,
  type BatchJob,
  type CustomerUpdatedEvent,
  type LinkJob,
  type ResolveJob,
} from '@c360/contracts';
import type { IdentifierRegistry, NormalisedIdentifier } from '@c360/identifiers';
import { failOnMalformedItems, readBatchJob, type EventPublisher, type Logger } from '@c360/service-kit';
import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import { blockingKeys } from '../domain/blocking';
import { normaliseTraits } from '@c360/identifiers';
import type { IdentityMetrics } from '../metrics/identity.metrics';
import type { IdentityRepository, ResolutionOutcome, ResolveRequest } from '../store/identity.repository';

export interface ResolveIdentityDeps {
  identities: IdentityRepository;
  events: EventPublisher;
  linkQueue: Queue<BatchJob<LinkJob>>;
  registry: IdentifierRegistry;
  logger: Logger;
  metrics: IdentityMetrics;
}

function normaliseAll(job: ResolveJob, deps: Pick<ResolveIdentityDeps, 'registry' | 'logger'>): NormalisedIdentifier[] {
  const valid: NormalisedIdentifier[] = [];
  for (const { type, value } of job.identifiers) {
    const result = deps.registry.normalise(type, value);
    if (result.ok) valid.push(result.identifier);
    // The type and the reason only: the value is personal data.
    else deps.logger.warn({ identifierType: type, reason: result.reason }, 'identifier dropped');
  }
  return valid;
}

/** The job as the repository resolves it: identifiers normalised, traits standardised and blocked; null when nothing in it can identify anyone. */
export function toResolveRequest(job: ResolveJob, deps: Pick<ResolveIdentityDeps, 'registry' | 'logger'>): ResolveRequest | null {
  const identifiers = normaliseAll(job, deps);
  const traits = normaliseTraits(job.traits);
  if (identifiers.length === 0 && !traits) return null;
  return {
    messageId: job.messageId,
    channel: job.channel,
    occurredAt: job.occurredAt,
    source: job.source ?? null,
    identifiers,
    traits,
    displayTraits: traits && job.traits ? job.traits : null,
    blockKeys: traits ? blockingKeys(traits) : [],
  };
}

type CustomerUpdate = CustomerUpdatedEvent & { touchpoints: NonNullable<CustomerUpdatedEvent['touchpoints']> };

/**
 * One customer.updated per customer of the batch, at the version the batch left it, with every
 * touchpoint it gained in the order they were resolved: consumers, partners and the content model
 * act once per change instead of once per touchpoint.
 */
function updatesPerCustomer(resolved: readonly { item: ResolveJob; outcome: ResolutionOutcome }[], now: string): CustomerUpdate[] {
  const updates = new Map<string, CustomerUpdate>();
  resolved.forEach(({ item, outcome }) => {
    const touchpoint = touchpointRefOf(item);
    const update = updates.get(outcome.customerId);
    if (!update) {
      updates.set(outcome.customerId, {
        customerId: outcome.customerId,
        version: outcome.version,
        mergedCustomerIds: outcome.lineage,
        touchpoint,
        touchpoints: [touchpoint],
        updatedAt: now,
      });
      return;
    }
    update.version = Math.max(update.version, outcome.version);
    update.mergedCustomerIds = outcome.lineage;
    update.touchpoint = touchpoint;
    update.touchpoints.push(touchpoint);
  });
  return [...updates.values()];
}

type Usable = { item: ResolveJob; request: ResolveRequest };

/**
 * The batch in one transaction; should that fail (the repository has already retried races and
 * transient errors), each touchpoint as a batch of one, through the same engine, so one the graph
 * refuses cannot hold back the rest.
 */
async function resolveIsolatingFailures(identities: IdentityRepository, usable: readonly Usable[]) {
  const failures: { messageId: string; code: string }[] = [];
  try {
    const outcomes = await identities.resolveBatch(usable.map((u) => u.request));
    if (outcomes.length !== usable.length) throw new Error(`resolution answered ${outcomes.length} of ${usable.length} touchpoints`);
    return { resolved: usable.map(({ item }, i) => ({ item, outcome: outcomes[i] as ResolutionOutcome })), failures };
  } catch (err) {
    if (usable.length === 1) throw err;
    const resolved: { item: ResolveJob; outcome: ResolutionOutcome }[] = [];
    for (const { item, request } of usable) {
      try {
        const [outcome] = await identities.resolveBatch([request]);
        if (!outcome) throw new Error(`resolution answered nothing for ${item.messageId}`);
        resolved.push({ item, outcome });
      } catch (e) {
        failures.push({ messageId: item.messageId, code: (e as { code?: string }).code ?? (e as Error).name });
      }
    }
    return { resolved, failures };
  }
}

/**
 * identity-resolve: links a batch of touchpoints to customers in one transaction, then tells the
 * other services. A replay resolves to the same customers and republishes under the same job ids,
 * which consumers treat as the same messages. A touchpoint nothing in which identifies anyone (intake
 * refuses those) is left out and named in the result, without failing the rest.
 */
export function createResolveIdentityProcessor(deps: ResolveIdentityDeps) {
  return async (job: Job): Promise<{ resolved: number; unidentifiable: string[] }> => {
    const parsed = readBatchJob('identity-resolve', resolveJobSchema, job.data);
    const usable: Usable[] = [];
    const unidentifiable: string[] = [];
    for (const item of parsed.items) {
      const request = toResolveRequest(item, deps);
      if (request) usable.push({ item, request });
      else unidentifiable.push(item.messageId);
    }
    // A job with nothing usable fails, and stays among the failed jobs for someone to look at.
    if (usable.length === 0) throw new UnrecoverableError('no valid identifier in touchpoint');
    if (unidentifiable.length > 0) deps.logger.warn({ messageIds: unidentifiable }, 'touchpoints with no valid identifier or traits left unresolved');
    const { resolved, failures } = await resolveIsolatingFailures(deps.identities, usable);
    for (const { outcome } of resolved) deps.metrics.resolutions.inc({ kind: outcome.kind });
    for (const conflict of resolved.flatMap((r) => r.outcome.conflicts))
      deps.logger.warn({ type: conflict.type, reason: conflict.reason }, 'customers kept apart: identity conflict recorded');

    const now = new Date().toISOString();
    // The id names the touchpoints too: a touchpoint that changes nothing leaves the version as it
    // was, and its update must not be taken for an earlier one.
    const events = updatesPerCustomer(resolved, now).map((event) => ({
      payload: event,
      jobId: jobIdFor(`cu-${event.version}`, [event.customerId, ...event.touchpoints.map((t) => t.messageId)].join('\n')),
    }));
    await deps.events.publishMany(EVENTS.customerUpdated, events);
    const links: LinkJob[] = resolved.map(({ item, outcome }) => ({
      messageId: item.messageId,
      customerId: outcome.customerId,
      mergedCustomerIds: outcome.lineage,
      linkedAt: now,
    }));
    if (links.length > 0)
      await deps.linkQueue.add('link', batchJobOf(QUEUES.touchpointLink, links), {
        jobId: jobIdFor('lnk', [String(job.id), ...links.map((l) => l.messageId)].join('\n')),
      });
    if (failures.length > 0) {
      // Retried: the others are replays then, and a touchpoint that keeps failing leaves the job among
      // the failed ones with this reason. Error codes only: a driver message may quote a value.
      deps.logger.warn(
        { messageIds: failures.map((f) => f.messageId), codes: failures.map((f) => f.code) },
        'touchpoints the graph refused; the rest of the batch is resolved',
      );
      throw new Error(`${failures.length} of ${usable.length} touchpoints could not be resolved (${[...new Set(failures.map((f) => f.code))].join(', ')})`);
    }
    failOnMalformedItems('identity-resolve', parsed);
    return { resolved: resolved.length, unidentifiable };
  };
}
