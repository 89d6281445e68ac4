import {
  erasureResultSchema,
  exportResultSchema,
  PRIVACY_CONTRACTS,
  PRIVACY_QUEUES,
  PRIVACY_SERVICES,
  privacyQueueName,
  retentionResultSchema,
  subjectJobSchema,
  verificationResultSchema,
  type SubjectJob,
} from '@c360/contracts';
import { refuseUnreadableVersion, removeEventsMentioning, withQueue, type QueueContext } from '@c360/service-kit';
import { UnrecoverableError, type Job } from 'bullmq';
import { describeFailures, isVerified, receiptLines, total } from '../domain/erasure-receipt';
import type { RequestFlows } from '../privacy/request-flows';
import { PARENT_JOBS } from '../privacy/request-flows';
import type { AccessExportRepository } from '../store/access-export.repository';
import type { AuditRepository } from '../store/audit.repository';
import type { RequestRepository } from '../store/request.repository';

export interface RequestParentDeps {
  requests: RequestRepository;
  exports: AccessExportRepository;
  audit: AuditRepository;
  flows: RequestFlows;
  queues: QueueContext;
  /** Signs the audit chain's head; never throws (a failure waits for the next timed round). */
  anchorAudit: () => Promise<void>;
}

function subjectOf(job: Job): SubjectJob {
  refuseUnreadableVersion(PRIVACY_QUEUES.requests, job.data);
  const parsed = subjectJobSchema.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`malformed ${job.name} job: ${parsed.error.message}`);
  return parsed.data;
}

/**
 * The children's results. One of a major this release cannot read fails the parent for good: it waits
 * among the failed jobs, the results still on it, to be retried once governance reads that major.
 */
function results<T>(values: Record<string, unknown>, schema: { parse(v: unknown): T }): T[] {
  return Object.values(values).map((v) => {
    refuseUnreadableVersion(PRIVACY_CONTRACTS.results, v);
    return schema.parse(v);
  });
}

/** The children failed for good: the request is FAILED with their reasons, in the request and the audit log. */
async function failRequest(deps: RequestParentDeps, requestId: string, action: string, reason: string): Promise<void> {
  if (await deps.requests.transition(requestId, 'failed', reason, { failureReason: reason })) {
    await deps.audit.append({ actor: 'governance', action, subject: requestId, details: { reason } });
  }
}

async function onErased(deps: RequestParentDeps, job: Job): Promise<void> {
  const data = subjectOf(job);
  const failures = await job.getIgnoredChildrenFailures();
  if (Object.keys(failures).length > 0) return failRequest(deps, data.requestId, 'erasure.failed', describeFailures(failures));
  const deleted = results(await job.getChildrenValues(), erasureResultSchema).map((r) => ({ service: r.service, counts: r.deleted }));
  const receipt = { services: receiptLines(PRIVACY_SERVICES, deleted, null), erasedAt: new Date(), verifiedAt: null, verified: false, auditSeq: null };
  if (await deps.requests.transition(data.requestId, 'verifying', 'every service erased; verifying', { receipt })) {
    await deps.audit.append({
      actor: 'governance',
      action: 'erasure.erased',
      subject: data.requestId,
      details: { deleted: Object.fromEntries(deleted.map((d) => [d.service, d.counts])) },
    });
  }
  // Outside the transition check: a retry after a crash right here still starts verification (same job ids).
  await deps.flows.startVerification(data);
}

async function onVerified(deps: RequestParentDeps, job: Job): Promise<void> {
  const data = subjectOf(job);
  const request = await deps.requests.byId(data.requestId);
  if (!request?.receipt || request.status !== 'verifying') return;
  const failures = await job.getIgnoredChildrenFailures();
  const remaining = results(await job.getChildrenValues(), verificationResultSchema).map((r) => ({ service: r.service, counts: r.remaining }));
  const deleted = request.receipt.services.map((s) => ({ service: s.service as (typeof PRIVACY_SERVICES)[number], counts: s.deleted }));
  const lines = receiptLines(PRIVACY_SERVICES, deleted, remaining);
  const verified = isVerified(lines) && Object.keys(failures).length === 0;
  const verifiedAt = new Date();
  const summary = lines.map((l) => ({
    service: l.service,
    deleted: total(l.deleted),
    remaining: l.remaining === null ? null : total(l.remaining),
    detail: l.deleted,
  }));
  const entry = await deps.audit.append({
    actor: 'governance',
    action: verified ? 'erasure.completed' : 'erasure.verification_failed',
    subject: data.requestId,
    details: {
      customerIds: data.customerIds,
      services: summary,
      erasedAt: request.receipt.erasedAt.toISOString(),
      verifiedAt: verifiedAt.toISOString(),
      verified,
    },
  });
  const receipt = { services: lines, erasedAt: request.receipt.erasedAt, verifiedAt, verified, auditSeq: entry.seq };
  // A receipt is what a regulator asks for: anchored at once rather than at the next timed round.
  await deps.anchorAudit();
  if (verified) {
    await deps.requests.transition(data.requestId, 'completed', 'erased and verified', { receipt, completedAt: verifiedAt });
    return;
  }
  const left = lines
    .filter((l) => l.remaining === null || total(l.remaining) > 0)
    .map((l) => (l.remaining === null ? `${l.service}: did not answer` : `${l.service}: ${total(l.remaining)} records remain`));
  const reason = [...left, ...(Object.keys(failures).length ? [describeFailures(failures)] : [])].join('; ');
  await deps.requests.transition(data.requestId, 'failed', reason, { receipt, failureReason: reason });
}

async function onExported(deps: RequestParentDeps, job: Job): Promise<void> {
  const data = subjectOf(job);
  const failures = await job.getIgnoredChildrenFailures();
  if (Object.keys(failures).length > 0) return failRequest(deps, data.requestId, 'access.failed', describeFailures(failures));
  const parts = results(await job.getChildrenValues(), exportResultSchema);
  const services = Object.fromEntries(PRIVACY_SERVICES.map((s) => [s, parts.find((p) => p.service === s)?.data ?? {}]));
  const document = JSON.stringify({ requestId: data.requestId, customerIds: data.customerIds, generatedAt: new Date().toISOString(), services }, null, 2);
  await deps.exports.save(data.requestId, document);
  // Each part was also recorded as its job's result in the service queue's event stream: personal data, dropped now.
  for (const service of PRIVACY_SERVICES) await withQueue(deps.queues, privacyQueueName(service), (q) => removeEventsMentioning(q, [data.requestId]));
  if (await deps.requests.transition(data.requestId, 'completed', 'export ready', { completedAt: new Date() })) {
    const kinds = Object.fromEntries(parts.map((p) => [p.service, Object.keys(p.data)]));
    await deps.audit.append({ actor: 'governance', action: 'access.exported', subject: data.requestId, details: { bytes: document.length, kinds } });
  }
}

async function onRetentionRun(deps: RequestParentDeps, job: Job): Promise<void> {
  refuseUnreadableVersion(PRIVACY_QUEUES.requests, job.data);
  const runId = String((job.data as { runId?: unknown }).runId);
  const failures = await job.getIgnoredChildrenFailures();
  const runs = results(await job.getChildrenValues(), retentionResultSchema);
  await deps.audit.append({
    actor: 'governance',
    action: Object.keys(failures).length ? 'retention.run_failed' : 'retention.run',
    subject: runId,
    details: {
      deleted: runs.map((r) => ({ service: r.service, dataClass: r.dataClass, deleted: r.deleted })),
      failures: Object.keys(failures).length ? describeFailures(failures) : null,
    },
  });
}

/** Runs when every child of a request or retention flow has finished (or failed for good). */
export function createRequestParentProcessor(deps: RequestParentDeps) {
  return async (job: Job): Promise<void> => {
    switch (job.name) {
      case PARENT_JOBS.erasure:
        return onErased(deps, job);
      case PARENT_JOBS.verification:
        return onVerified(deps, job);
      case PARENT_JOBS.accessExport:
        return onExported(deps, job);
      case PARENT_JOBS.retentionRun:
        return onRetentionRun(deps, job);
      default:
        throw new UnrecoverableError(`unknown request job ${job.name}`);
    }
  };
}
