import { IdentifierRegistry, normaliseTraits } from '@c360/identifiers';
import { createLogger } from '@c360/service-kit';
import type { Driver } from 'neo4j-driver';
import { blockedPairVectors, randomPairVectors } from './blocked-pairs';
import {
  DEFAULT_MATCH_MODEL,
  type MatchModel,
  estimateModel,
  estimateU,
  createFellegiSunterMatcher,
  rulesFrom,
  IdentityRepository,
  toResolveRequest,
} from './identity-graph.imports';
import { pairwiseMetrics, type PairwiseMetrics } from './pairwise-metrics';
import type { LabelledRecord } from './person-records.reader';
import { touchpointOwners } from './touchpoint-owners';

export interface EvalOptions {
  /** An empty database of the evaluation's own (private-neo4j.ts): every touchpoint in it is one of the file's. */
  driver: Driver;
  records: readonly LabelledRecord[];
  model?: MatchModel;
  /** Learn m/u weights by EM from the file's own blocked pairs (labels unseen) before resolving. */
  estimate?: boolean;
  concurrency: number;
  /** Touchpoints per transaction, as many as an ingestion job carries. */
  batchSize: number;
  progress: (line: string) => void;
}

export interface EvalResult extends PairwiseMetrics {
  records: number;
  recordsPerSecond: number;
  reviews: number;
}

function learnedModel(options: EvalOptions, model: MatchModel): MatchModel {
  const traits = options.records.map((r) => normaliseTraits(r.traits) ?? {});
  const vectors = blockedPairVectors(model, traits);
  options.progress(`EM: u from 50000 random pairs, m from ${vectors.length} blocked pairs`);
  return estimateModel(estimateU(model, randomPairVectors(model, traits, 50_000)), vectors, { fixedU: true });
}

/**
 * Resolves every record as production does, through the resolve-identity worker's request mapping
 * and the one resolution engine (`resolveBatch`), in batches the size of an ingestion job and as
 * many at a time as `concurrency`; then compares the customers it formed with the true entities.
 */
export async function runIdentityEval(options: EvalOptions): Promise<EvalResult> {
  const registry = new IdentifierRegistry({ defaultRegion: 'GB' });
  const model = options.estimate ? learnedModel(options, options.model ?? DEFAULT_MATCH_MODEL) : (options.model ?? DEFAULT_MATCH_MODEL);
  const repository = new IdentityRepository(options.driver, { rules: rulesFrom(registry), matcher: createFellegiSunterMatcher(model) });
  const deps = { registry, logger: createLogger('identity-eval', 'silent') };
  await repository.ensureSchema();
  const requests = options.records.flatMap((record, i) => {
    const job = {
      messageId: record.recordId,
      channel: 'store' as const,
      occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      identifiers: record.identifiers,
      traits: record.traits,
    };
    // A record naming no one stays a singleton, as intake would have refused it.
    return toResolveRequest(job, deps) ?? [];
  });

  const started = performance.now();
  let next = 0;
  let done = 0;
  let reviews = 0;
  const worker = async () => {
    for (let start = next; start < requests.length; start = next) {
      next += options.batchSize;
      const outcomes = await repository.resolveBatch(requests.slice(start, start + options.batchSize));
      reviews += outcomes.filter((o) => o.kind === 'review').length;
      done += outcomes.length;
      options.progress(`resolved ${done}/${requests.length} (${Math.round(done / ((performance.now() - started) / 1000))} records/s, ${reviews} reviews)`);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const owners = await touchpointOwners(options.driver);
  const clusters = options.records.map((r) => ({ entity: r.entity, cluster: owners.get(r.recordId) ?? `missing:${r.recordId}` }));
  return { ...pairwiseMetrics(clusters), records: options.records.length, recordsPerSecond: options.records.length / seconds, reviews };
}
