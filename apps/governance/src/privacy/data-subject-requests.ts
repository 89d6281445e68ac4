import { randomUUID } from 'node:crypto';
import { suppressionHash, type IdentifierType } from '@c360/contracts';
import { checkReceivedAt, dueDate, type RequestKind } from '../domain/data-subject-request';
import { IdentityDirectoryError, type IdentityDirectory, type Subject } from '../clients/identity-directory';
import type { ConsentChangePublisher } from '../events/consent-change.publisher';
import type { AuditRepository } from '../store/audit.repository';
import type { DataSubjectRequest, RequestRepository } from '../store/request.repository';
import type { RestrictionRepository } from '../store/restriction.repository';
import type { SuppressionRepository } from '../store/suppression.repository';
import type { RequestFlows } from './request-flows';

export interface SubjectRef {
  customerId?: string | null;
  identifier?: { type: IdentifierType; value: string } | null;
  receivedAt?: Date | null;
}

export type RequestOutcome =
  { ok: true; request: DataSubjectRequest } | { ok: false; code: 'BAD_USER_INPUT' | 'NOT_FOUND' | 'SERVICE_UNAVAILABLE'; message: string };

export interface DataSubjectRequestDeps {
  requests: RequestRepository;
  restrictions: RestrictionRepository;
  suppression: SuppressionRepository;
  audit: AuditRepository;
  flows: RequestFlows;
  directory: IdentityDirectory;
  changes: ConsentChangePublisher;
  suppressionSecret: string;
  dueDays: number;
}

/** Opens data-subject requests: resolves whom they are about, records them, and starts their work. */
export class DataSubjectRequests {
  constructor(private readonly deps: DataSubjectRequestDeps) {}

  async open(kind: RequestKind, ref: SubjectRef, requestedBy: string): Promise<RequestOutcome> {
    if (!ref.customerId === !ref.identifier) return { ok: false, code: 'BAD_USER_INPUT', message: 'give exactly one of customerId and identifier' };
    const now = new Date();
    const receivedAt = ref.receivedAt ?? now;
    const badDate = checkReceivedAt(receivedAt, now);
    if (badDate) return { ok: false, code: 'BAD_USER_INPUT', message: badDate };
    let subject: Subject | null;
    try {
      subject = await this.resolve(ref);
    } catch (err) {
      if (err instanceof IdentityDirectoryError) return { ok: false, code: 'SERVICE_UNAVAILABLE', message: err.message };
      throw err;
    }
    if (!subject) return { ok: false, code: 'NOT_FOUND', message: 'identity-graph knows no customer for this subject' };

    const request: DataSubjectRequest = {
      id: randomUUID(),
      kind,
      customerId: subject.customerId,
      customerIds: subject.customerIds,
      status: 'pending',
      requestedBy,
      receivedAt,
      dueAt: dueDate(receivedAt, this.deps.dueDays),
      createdAt: now,
      completedAt: null,
      failureReason: null,
      history: [{ at: now, status: 'pending', note: `${kind} requested` }],
      receipt: null,
    };
    await this.deps.requests.create(request);
    await this.deps.audit.append({
      actor: requestedBy,
      action: `request.${kind}.opened`,
      subject: request.id,
      details: { customerId: subject.customerId, dueAt: request.dueAt.toISOString() },
    });
    await this.start(request, subject);
    return { ok: true, request: (await this.deps.requests.byId(request.id)) ?? request };
  }

  async lift(requestId: string, liftedBy: string): Promise<RequestOutcome> {
    const request = await this.deps.requests.byId(requestId);
    if (!request || request.kind !== 'restriction') return { ok: false, code: 'NOT_FOUND', message: 'no restriction request with this id' };
    if (!(await this.deps.requests.lift(requestId, `lifted by ${liftedBy}`)))
      return { ok: false, code: 'BAD_USER_INPUT', message: `the restriction is ${request.status}, not in force` };
    await this.deps.restrictions.lift(request.customerIds);
    await this.deps.audit.append({ actor: liftedBy, action: 'request.restriction.lifted', subject: requestId, details: { customerId: request.customerId } });
    await this.deps.changes.publish(request.customerIds);
    return { ok: true, request: (await this.deps.requests.byId(requestId)) ?? request };
  }

  private async start(request: DataSubjectRequest, subject: Subject): Promise<void> {
    const job = { requestId: request.id, customerIds: subject.customerIds };
    switch (request.kind) {
      case 'erasure': {
        // Suppressed before anything is deleted, so a touchpoint arriving mid-erasure is refused, not re-created.
        const hashes = [...subject.identifierKeys, ...subject.traitKeys].map((key) => suppressionHash(this.deps.suppressionSecret, key));
        await this.deps.suppression.add(hashes, request.id);
        await this.deps.audit.append({ actor: 'governance', action: 'suppression.added', subject: request.id, details: { entries: hashes.length } });
        await this.deps.flows.startErasure(job);
        return;
      }
      case 'access':
        await this.deps.flows.startExport(job);
        return;
      case 'restriction':
        await this.deps.restrictions.restrict(subject.customerIds, request.id, new Date());
        await this.deps.changes.publish(subject.customerIds);
        await this.deps.requests.transition(request.id, 'completed', 'restriction in force', { completedAt: new Date() });
        await this.deps.audit.append({
          actor: 'governance',
          action: 'request.restriction.applied',
          subject: request.id,
          details: { customerId: subject.customerId },
        });
        return;
    }
  }

  private async resolve(ref: SubjectRef): Promise<Subject | null> {
    if (ref.identifier) return this.deps.directory.byIdentifier(ref.identifier.type, ref.identifier.value);
    const known = await this.deps.directory.byId(ref.customerId as string);
    // A customer identity-graph never knew (or already erased) may still have data elsewhere: act on the id alone.
    return known ?? { customerId: ref.customerId as string, customerIds: [ref.customerId as string], identifierKeys: [], traitKeys: [] };
  }
}
