import type { QueryResolvers } from '../__generated__/resolvers-types';
import { touchpointError } from '../errors';
import type { IngestReconciliation } from '../intake/ingest-reconciliation';

const MAX_BATCHES = 500;

export function createReconciliationResolvers(
  reconciliation: IngestReconciliation,
): Pick<QueryResolvers, 'ingestReconciliation' | 'recentIngestReconciliations'> {
  return {
    ingestReconciliation: (_, args) => reconciliation.ofBatch(args.batchId),
    recentIngestReconciliations: (_, args) => {
      if (args.first < 1 || args.first > MAX_BATCHES) throw touchpointError('BAD_USER_INPUT', `first must be between 1 and ${MAX_BATCHES}`);
      return reconciliation.recent(args.first);
    },
  };
}
