import {
  PRIVACY_CONTRACTS,
  PRIVACY_JOBS,
  PRIVACY_QUEUES,
  PRIVACY_SERVICES,
  privacyQueueName,
  stampVersion,
  type RetentionJob,
  type SubjectJob,
} from '@c360/contracts';
import { tracePublish, withTraceContext } from '@c360/service-kit';
import type { FlowJob, FlowProducer, JobsOptions } from 'bullmq';

export const PARENT_JOBS = {
  erasure: 'erasure',
  verification: 'verification',
  accessExport: 'access-export',
  retentionRun: 'retention-run',
} as const;

export interface FlowRetry {
  attempts: number;
  backoffMs: number;
}

/**
 * Builds the BullMQ flows behind data-subject requests and retention runs: one child per service on
 * that service's privacy queue, under a parent on governance's queue that runs only when every child
 * has finished. A child that exhausts its retries is recorded on the parent instead of failing it
 * (ignoreDependencyOnFailure), so the parent still runs and can mark the request FAILED with the
 * child's reason rather than leave it hanging. Job ids derive from the request id, so submitting the
 * same flow twice adds nothing. Each job carries the trace context of the flow's publish, so a request
 * is one trace through every service's part of it.
 */
export class RequestFlows {
  constructor(
    private readonly producer: FlowProducer,
    private readonly prefix: string,
    private readonly retry: FlowRetry,
  ) {}

  startErasure(data: SubjectJob): Promise<unknown> {
    return this.subjectFlow(PARENT_JOBS.erasure, PRIVACY_JOBS.erase, data);
  }

  startVerification(data: SubjectJob): Promise<unknown> {
    return this.subjectFlow(PARENT_JOBS.verification, PRIVACY_JOBS.verify, data);
  }

  startExport(data: SubjectJob): Promise<unknown> {
    return this.subjectFlow(PARENT_JOBS.accessExport, PRIVACY_JOBS.export, data);
  }

  startRetention(runId: string, classes: { dataClass: string; olderThan: Date; services: readonly string[] }[]): Promise<unknown> {
    const children: FlowJob[] = classes.flatMap(({ dataClass, olderThan, services }) =>
      services.map((service) => {
        const data: RetentionJob = { runId, dataClass, olderThan: olderThan.toISOString() };
        return {
          name: PRIVACY_JOBS.retention,
          queueName: privacyQueueName(service as never),
          data: stampVersion(PRIVACY_CONTRACTS.jobs, data),
          prefix: this.prefix,
          opts: this.childOptions(`ret-${runId}-${dataClass}-${service}`),
        };
      }),
    );
    return this.producer.add({
      name: PARENT_JOBS.retentionRun,
      queueName: PRIVACY_QUEUES.requests,
      data: stampVersion(PRIVACY_QUEUES.requests, { runId }),
      prefix: this.prefix,
      opts: this.parentOptions(`run-${runId}`),
      children,
    });
  }

  private subjectFlow(parentName: string, childName: string, subject: SubjectJob): Promise<unknown> {
    return tracePublish(PRIVACY_QUEUES.requests, PRIVACY_SERVICES.length + 1, () => {
      const data = withTraceContext(subject);
      const children: FlowJob[] = PRIVACY_SERVICES.map((service) => ({
        name: childName,
        queueName: privacyQueueName(service),
        data: stampVersion(PRIVACY_CONTRACTS.jobs, data),
        prefix: this.prefix,
        opts: this.childOptions(`${childName}-${data.requestId}-${service}`),
      }));
      return this.producer.add({
        name: parentName,
        queueName: PRIVACY_QUEUES.requests,
        data: stampVersion(PRIVACY_QUEUES.requests, data),
        prefix: this.prefix,
        opts: this.parentOptions(`${parentName}-${data.requestId}`),
        children,
      });
    });
  }

  private childOptions(jobId: string): JobsOptions {
    return {
      jobId,
      attempts: this.retry.attempts,
      backoff: { type: 'exponential', delay: this.retry.backoffMs },
      ignoreDependencyOnFailure: true,
      // A child's result (an export holds personal data) lives on in the parent until it is processed.
      removeOnComplete: true,
      removeOnFail: true,
    };
  }

  private parentOptions(jobId: string): JobsOptions {
    return {
      jobId,
      attempts: this.retry.attempts,
      backoff: { type: 'exponential', delay: this.retry.backoffMs },
      removeOnComplete: true,
      removeOnFail: { age: 7 * 24 * 3600 },
    };
  }
}
