import type { RetentionJob } from '@c360/contracts';
import type { DecisionRepository } from './decision.repository';

/** Decisions' part of a data-subject request, under exactly the ids governance sends. */
export function decisionSubjectData(decisions: DecisionRepository) {
  return {
    erase: async (ids: string[]) => ({ decisions: await decisions.eraseCustomers(ids) }),
    count: async (ids: string[]) => ({ decisions: await decisions.countForCustomers(ids) }),
    export: async (ids: string[]) => ({ decisions: await decisions.forCustomers(ids) }),
    retention: async (job: RetentionJob) => (job.dataClass === 'nba_decisions' ? decisions.deleteOlderThan(new Date(job.olderThan)) : 0),
  };
}
