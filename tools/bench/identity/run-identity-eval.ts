import { randomBytes } from 'node:crypto';
import { IdentifierRegistry } from '@c360/identifiers';
import { createLogger } from '@c360/service-kit';
import type { Driver } from 'neo4j-driver';
import { touchpointOwners } from './namespace-owners.repository';
import { blockedPairVectors, randomPairVectors } from './blocked-pairs';
import { pairwiseMetrics, type PairwiseMetrics } from './pairwise-metrics';
import type { LabelledRecord } from './person-records.reader';
import { DEFAULT_MATCH_MODEL, type MatchModel, estimateModel, estimateU, createFellegiSunterMatcher, normaliseTraits, rulesFrom, IdentityRepository, toResolveRequest } from './identity-graph.imports';

export interface EvalOptions {
  driver: Driver;
  records: readonly LabelledRecord[];
  model?: MatchModel;
  /** Learn m/u weights by EM from the file's own blocked pairs (labels unseen) before resolving. */
  estimate?: boolean;
  concurrency: number;
  progress: (line: string) => void;
}

export interface EvalResult extends PairwiseMetrics {
  records: number;
  recordsPerSecond: number;
  reviews: number;
}

/**
 * Resolves every record through the real resolver and Neo4j store, in a namespace of its own that is
 * deleted before and after, then compares the customers it formed with the true entities.
 */
export async function runIdentityEval(options: EvalOptions): Promise<EvalResult> {
  const registry = new IdentifierRegistry({ defaultRegion: 'GB' });
  const namespace = `eval-${randomBytes(4).toString('hex')}`;
  let model = options.model ?? DEFAULT_MATCH_MODEL;
  if (options.estimate) {
    const traits = options.records.map((r) => normaliseTraits(r.traits) ?? {});
    const vectors = blockedPairVectors(model, traits);
    model = estimateModel(estimateU(model, randomPairVectors(model, traits, 50_000)), vectors, { fixedU: true });
    options.progress(`EM: u from 50000 random pairs, m from ${vectors.length} blocked pairs`);
  }
  const repository = new IdentityRepository(options.driver, { rules: rulesFrom(registry), matcher: createFellegiSunterMatcher(model), namespace });
  const deps = { registry, logger: createLogger('identity-eval', 'silent') };
  await repository.ensureSchema();
  await repository.deleteNamespace();
  try {
    const started = performance.now();
    let next = 0;
    let done = 0;
    let reviews = 0;
    const worker = async () => {
      for (let i = next++, record = options.records[i]; record; i = next++, record = options.records[i]) {
        const job = { messageId: `${namespace}:${record.recordId}`, channel: 'store' as const, occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), identifiers: record.identifiers, traits: record.traits };
        const request = toResolveRequest(job, deps);
        // A record naming no one stays a singleton, as intake would have refused it.
        const outcome = request ? await repository.resolve(request) : null;
        if (outcome?.kind === 'review') reviews++;
        if (++done % 250 === 0) options.progress(`resolved ${done}/${options.records.length} (${Math.round(done / ((performance.now() - started) / 1000))} records/s, ${reviews} reviews)`);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    const seconds = (performance.now() - started) / 1000;
    const owners = await touchpointOwners(options.driver, namespace);
    const clusters = options.records.map((r) => ({ entity: r.entity, cluster: owners.get(`${namespace}:${r.recordId}`) ?? `missing:${r.recordId}` }));
    return { ...pairwiseMetrics(clusters), records: options.records.length, recordsPerSecond: options.records.length / seconds, reviews };
  } finally {
    await repository.deleteNamespace();
  }
}
