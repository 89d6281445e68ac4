import path from 'node:path';
import type { ConsentClient } from '@c360/consent-client';
import type { CustomerIdentityView, Logger, QueueContext } from '@c360/service-kit';
import type { Connection } from 'mongoose';
import type { FeatureVectorRepository } from '../features/feature-vector.repository';
import { createSegmentationQueue, startSegmentationWorker } from './segmentation.job';
import { SegmentRepository } from './segment.repository';
import { createSegmentResolvers } from './segments.resolvers';

export const SEGMENTS_SCHEMA_PATH = path.join(__dirname, 'segments.graphql');

/** Segmentation inside insights: its store (whose memberships the predictions module erases with the features), job and API. */
export async function startSegments(deps: {
  mongo: Connection;
  queues: QueueContext;
  identities: CustomerIdentityView;
  consent: ConsentClient;
  logger: Logger;
}) {
  const segments = new SegmentRepository(deps.mongo);
  await segments.ensureIndexes();
  const queue = createSegmentationQueue(deps.queues);
  return {
    store: segments,
    /** Started once the features exist (the vectors live in the predictions module). */
    start: (vectors: FeatureVectorRepository) => ({
      resolvers: createSegmentResolvers({ segments, queue, identities: deps.identities, consent: deps.consent }),
      worker: startSegmentationWorker(deps.queues, { vectors, segments, consent: deps.consent }, deps.logger),
    }),
    close: () => queue.close(),
  };
}
