import { metricOn } from '@c360/service-kit';
import { Gauge, type Registry } from 'prom-client';
import type { RequestRepository } from '../store/request.repository';

/** Data-subject requests open, overdue (past their legal due date) and failed, read at scrape time. */
export function registerRequestMetrics(registry: Registry, requests: Pick<RequestRepository, 'counts'>): void {
  metricOn(
    registry,
    'c360_data_subject_requests',
    () =>
      new Gauge({
        name: 'c360_data_subject_requests',
        help: 'Data-subject requests by state: open (pending or verifying), overdue (open past the due date), failed',
        labelNames: ['state'],
        registers: [registry],
        async collect() {
          const counts = await requests.counts(new Date());
          for (const [state, n] of Object.entries(counts)) this.set({ state }, n);
        },
      }),
  );
}
