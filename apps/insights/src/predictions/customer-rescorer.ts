import type { ConsentClient } from '@c360/consent-client';
import { EVENTS, jobIdFor, type CustomerUpdatedEvent, type PredictionBandChangedEvent } from '@c360/contracts';
import type { CustomerIdentityView, EventPublisher, Logger } from '@c360/service-kit';
import { computeFeatures, type FeatureOptions, type FeatureVector, type SentimentRecord } from '../domain/features/compute-features';
import { FEATURE_SET_VERSION } from '../domain/features/feature-definitions';
import { scoreWith, type Learners } from '../domain/models/model-scoring';
import { scoreSequence, type SequenceArtifact } from '../domain/models/sequence-scoring';
import type { TouchFactRecord } from '../domain/features/compute-features';
import { GruPredictor, type GruModel } from '../domain/sequence/gru-sequence-model';
import { stepOf } from '../models/training-dataset';
import type { FeatureFactsRepository } from '../features/feature-facts.repository';
import type { FeatureVectorRepository } from '../features/feature-vector.repository';
import type { ActiveModels } from '../models/active-models';
import type { ScoreRepository } from './score.repository';

/** Where per-customer sentiment comes from (the sentiment module's store); none until it is wired. */
export interface SentimentSource {
  sentimentsOf(customerIds: readonly string[], asOf?: Date): Promise<SentimentRecord[]>;
}

/** Anything else derived from profiling a customer (segment membership...), removed with the features. */
export interface DerivedStore {
  eraseCustomers(customerIds: readonly string[]): Promise<number>;
}

export interface RescorerDeps {
  facts: FeatureFactsRepository;
  vectors: FeatureVectorRepository;
  scores: ScoreRepository;
  models: ActiveModels;
  learners: Learners;
  identities: CustomerIdentityView;
  consent: Pick<ConsentClient, 'isAllowed' | 'invalidate'>;
  events: Pick<EventPublisher, 'publishMany'>;
  sentiments?: SentimentSource;
  derived?: DerivedStore[];
  featureOptions?: FeatureOptions;
  logger: Logger;
  now?: () => Date;
}

/**
 * Keeps a customer's features and scores current: on each customer.updated the facts are recorded,
 * then, only under profiling consent (and no restriction), the features are recomputed and every
 * active model rescored; a band crossed is published. Without consent nothing derived is kept.
 */
export class CustomerRescorer {
  /** Loaded sequence networks, by model id: loading one builds a tensor graph, too slow per update. */
  private readonly networks = new LoadedNetworks();

  constructor(private readonly deps: RescorerDeps) {}

  async onUpdate(event: CustomerUpdatedEvent): Promise<void> {
    await this.deps.facts.recordUpdate(event);
    await this.refresh(event.customerId, event.mergedCustomerIds);
  }

  /** Recomputes one customer (a survivor) from their facts; `mergedAway` ids lose what was kept under them. */
  async refresh(customerId: string, mergedAway: readonly string[] = []): Promise<'scored' | 'withheld'> {
    const { deps } = this;
    const stale = mergedAway.filter((id) => id !== customerId);
    if (stale.length > 0) await this.forget(stale);
    if (!(await deps.consent.isAllowed({ customerId, purpose: 'profiling' }))) {
      await this.forget(await deps.identities.expand(customerId));
      return 'withheld';
    }
    const now = deps.now?.() ?? new Date();
    const { features, touches } = await this.featuresNow(customerId, now);
    await deps.vectors.save({ customerId, features, featureSetVersion: FEATURE_SET_VERSION, computedAt: now });
    await this.score(customerId, features, touches, now);
    return 'scored';
  }

  /** Removes everything derived from profiling these ids: features, scores and explanations, segment membership. */
  async forget(customerIds: readonly string[]): Promise<void> {
    await this.deps.vectors.eraseCustomers(customerIds);
    await this.deps.scores.eraseCustomers(customerIds);
    for (const store of this.deps.derived ?? []) await store.eraseCustomers(customerIds);
  }

  private async featuresNow(customerId: string, now: Date): Promise<{ features: FeatureVector; touches: readonly TouchFactRecord[] }> {
    const ids = await this.deps.identities.expand(customerId);
    const [facts, sentiments] = await Promise.all([this.deps.facts.factsOf(ids), this.deps.sentiments?.sentimentsOf(ids) ?? Promise.resolve([])]);
    return { features: computeFeatures({ ...facts, sentiments }, now, this.deps.featureOptions), touches: facts.touches };
  }

  private async score(customerId: string, features: FeatureVector, touches: readonly TouchFactRecord[], now: Date): Promise<void> {
    const changed: PredictionBandChangedEvent[] = [];
    for (const model of await this.deps.models.current()) {
      let result;
      try {
        result =
          model.kind === 'next_steps'
            ? await scoreSequence(model.artifact as unknown as SequenceArtifact, model.bands, orderedSteps(touches), () => this.networks.get(model))
            : scoreWith(model, features, this.deps.learners);
      } catch (err) {
        this.deps.logger.warn({ modelId: model.id, err: (err as Error).message }, 'model could not score');
        continue;
      }
      if (!result) continue;
      const saved = { customerId, kind: model.kind, modelId: model.id, modelVersion: model.version, scoredAt: now, ...result };
      const { previousBand } = await this.deps.scores.save(saved);
      if (previousBand !== result.band) {
        changed.push({
          customerId,
          kind: model.kind,
          band: result.band,
          previousBand,
          modelId: model.id,
          modelVersion: model.version,
          scoredAt: now.toISOString(),
        });
      }
    }
    await this.deps.events.publishMany(
      EVENTS.predictionBandChanged,
      changed.map((e) => ({ payload: e, jobId: jobIdFor('band', `${e.customerId}\n${e.kind}\n${e.modelId}\n${e.band}\n${e.scoredAt}`) })),
    );
  }
}

/** A customer's touches as the steps of one journey, oldest first (the order sequence models read). */
function orderedSteps(touches: readonly TouchFactRecord[]) {
  return [...touches].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime()).map(stepOf);
}

/** The network of the active next-steps model, loaded once; a newly promoted model replaces it. */
class LoadedNetworks {
  private loaded: { modelId: string; predictor: Promise<GruPredictor> } | undefined;

  get(model: { id: string; artifact: Record<string, unknown> }): Promise<GruPredictor> {
    if (this.loaded?.modelId !== model.id) {
      const previous = this.loaded?.predictor;
      this.loaded = { modelId: model.id, predictor: GruPredictor.load((model.artifact as unknown as SequenceArtifact).network as GruModel) };
      void previous?.then((p) => p.dispose());
    }
    return this.loaded.predictor;
  }
}
