import { EVENTS, eventQueueName, type QueueName, type SubjectJob } from '@c360/contracts';
import { PARTNER_SOURCE_QUEUES } from '../partners/partner-events';
import {
  countJobsMatching,
  jobNamesCustomer,
  removeJobsMatching,
  withQueue,
  type CustomerIdentityView,
  type PrivacyHandlers,
  type QueueContext,
} from '@c360/service-kit';
import type { CustomerRequestRepository } from '../customer-requests/customer-request.repository';
import type { AccessExportRepository } from '../store/access-export.repository';
import type { ConsentRepository } from '../store/consent.repository';
import type { PartnerDeliveryPrivacyRepository } from '../store/partner-delivery-privacy.repository';
import type { RequestRepository } from '../store/request.repository';
import type { RestrictionRepository } from '../store/restriction.repository';

export interface GovernancePrivacyDeps {
  consents: ConsentRepository;
  restrictions: RestrictionRepository;
  identities: CustomerIdentityView;
  requests: RequestRepository;
  exports: AccessExportRepository;
  deliveries: PartnerDeliveryPrivacyRepository;
  customerRequests: CustomerRequestRepository;
  queues: QueueContext;
}

/**
 * governance's own part of erasure: the consent ledger, restrictions, its view of who is who, earlier access
 * exports and partner deliveries (both copies of personal data), requests customers made through a channel
 * (they name what the person asked) and queued customer.updated jobs, its own and every event still waiting
 * for the partner fan-out. Requests and the audit
 * log stay: they hold only pseudonymous ids and are the proof that the erasure happened.
 */
export function createGovernancePrivacyHandlers(deps: GovernancePrivacyDeps): PrivacyHandlers {
  // Exactly the ids identity-graph gave for the person: the local view may lag behind a split.
  const ids = async (job: SubjectJob) => job.customerIds;
  const earlierExports = async (customerIds: string[], current: string) =>
    (await deps.requests.forCustomers(customerIds)).filter((r) => r.kind === 'access' && r.id !== current).map((r) => r.id);
  // Its own customer.updated queue, and the events waiting for the partner fan-out.
  const eventQueues = [eventQueueName(EVENTS.customerUpdated, 'governance'), ...PARTNER_SOURCE_QUEUES];
  const overQueues = async (fn: (name: QueueName) => Promise<number>) => (await Promise.all(eventQueues.map(fn))).reduce((s, n) => s + n, 0);
  return {
    service: 'governance',
    erase: async (job) => {
      const all = await ids(job);
      return {
        consentEntries: await deps.consents.eraseCustomers(all),
        restrictions: await deps.restrictions.eraseCustomers(all),
        accessExports: await deps.exports.eraseRequests(await earlierExports(all, job.requestId)),
        partnerDeliveries: await deps.deliveries.eraseCustomers(all),
        customerRequests: await deps.customerRequests.eraseCustomers(all),
        queuedJobs: await overQueues((name) => withQueue(deps.queues, name, (q) => removeJobsMatching(q, jobNamesCustomer(new Set(all))))),
        identityView: await deps.identities.eraseCustomers(all),
      };
    },
    verify: async (job) => {
      const all = await ids(job);
      return {
        consentEntries: await deps.consents.countForCustomers(all),
        restrictions: Number(await deps.restrictions.isRestricted(all)),
        accessExports: await deps.exports.countRequests(await earlierExports(all, job.requestId)),
        partnerDeliveries: await deps.deliveries.countForCustomers(all),
        customerRequests: await deps.customerRequests.countForCustomers(all),
        queuedJobs: await overQueues((name) => withQueue(deps.queues, name, (q) => countJobsMatching(q, jobNamesCustomer(new Set(all))))),
        identityView: await deps.identities.countForCustomers(all),
      };
    },
    export: async (job) => {
      const all = await ids(job);
      return {
        consentHistory: await deps.consents.history(all),
        restricted: await deps.restrictions.isRestricted(all),
        partnerDeliveries: await deps.deliveries.forCustomers(all),
        customerRequests: await deps.customerRequests.forCustomers(all),
        requests: (await deps.requests.forCustomers(all)).map((r) => ({ id: r.id, kind: r.kind, status: r.status, receivedAt: r.receivedAt, dueAt: r.dueAt })),
      };
    },
    retention: async (job) => (job.dataClass === 'access_exports' ? deps.exports.deleteOlderThan(new Date(job.olderThan)) : 0),
  };
}
