import type { ConsentClient } from '@c360/consent-client';
import { EVENTS, jobIdFor, type CustomerUpdatedEvent, type PredictionBandChangedEvent } from '@c360/contracts';
import type { CustomerIdentityView, EventPublisher, Logger, TouchFactRepository } from '@c360/service-kit';
import { computeFeatures, type FeatureOptions, type FeatureVector, type SentimentRecord } from '../domain/features/compute-features';
import { FEATURE_SET_VERSION } from '../domain/features/feature-definitions';
import { touchFactsOf } from '../domain/features/profile-minimisation';
import { scoreWith, type Learners } from '../domain/models/model-scoring';
import { scoreSequence, type SequenceArtifact } from '../domain/models/sequence-scoring';
import type { TouchFactRecord } from '../domain/features/compute-features';
import { GruPredictor, type GruModel } from '../domain/sequence/gru-sequence-model';
import { stepOf } from '../models/training-dataset';
import type { FeatureFactsRepository } from '../features/feature-facts.repository';
import type { FeatureVectorRepository } from '../features/feature-vector.repository';
import type { ActiveModels } from '../models/active-models';
import type { ScoreRepository, StoredScore } from './score.repository';

/** Where per-customer sentiment comes from (the sentiment module's store); none until it is wired. */
export interface SentimentSource {
  /** Every score kept under these ids, each with the id it is kept under. */
  sentimentsOf(customerIds: readonly string[], asOf?: Date): Promise<(SentimentRecord & { customerId: string })[]>;
}

/** Anything else derived from profiling a customer (segment membership...), removed with the features. */
export interface DerivedStore {
  eraseCustomers(customerIds: readonly string[]): Promise<number>;
}

export interface RescorerDeps {
  facts: FeatureFactsRepository;
  /** insights' touch facts (engagement): recorded here, with the feature facts, for a person who allows profiling only. */
  touches: Pick<TouchFactRepository, 'recordMany' | 'eraseCustomers'>;
  vectors: FeatureVectorRepository;
  scores: ScoreRepository;
  models: ActiveModels;
  learners: Learners;
  identities: CustomerIdentityView;
  consent: Pick<ConsentClient, 'check' | 'invalidate'>;
  events: Pick<EventPublisher, 'publishMany'>;
  sentiments?: SentimentSource;
  derived?: DerivedStore[];
  featureOptions?: FeatureOptions;
  logger: Logger;
  now?: () => Date;
}

const CONSENT_QUESTIONS_AT_ONCE = 16;

type ProfilingAnswer = 'allowed' | 'refused' | 'unknown';

interface Profile {
  customerId: string;
  features: FeatureVector;
  touches: readonly TouchFactRecord[];
}

/**
 * Keeps customers' features and scores current: on customer.updated, only under profiling consent (and
 * no restriction), the facts are recorded (touch facts and feature facts), the features recomputed and
 * every active model rescored; a band crossed is published. Without consent nothing is kept: every fact
 * insights keeps per person serves profiling alone (data minimisation, issue 20).
 *
 * One engine for one update or many: a batch records every update's facts, then rescores each person
 * it touched once, from the store (so the latest state wins however the updates were grouped), with a
 * fixed number of reads and writes whatever the batch size. A single update is a batch of one.
 */
export class CustomerRescorer {
  /** Loaded sequence networks, by model id: loading one builds a tensor graph, too slow per update. */
  private readonly networks = new LoadedNetworks();

  constructor(private readonly deps: RescorerDeps) {}

  async onUpdate(event: CustomerUpdatedEvent): Promise<void> {
    await this.onUpdates([event]);
  }

  /** Answers the updates left unscored because governance did not answer for their customer (to be retried). */
  async onUpdates(events: readonly CustomerUpdatedEvent[]): Promise<{ unanswered: CustomerUpdatedEvent[] }> {
    if (events.length === 0) return { unanswered: [] };
    // Who is who as the view says now (the updates' own identity facts are applied before this runs):
    // each update rescores its customer's survivor, and an id the view says is merged away loses what was kept under it.
    const named = [...new Set(events.flatMap((e) => [e.customerId, ...e.mergedCustomerIds]))];
    const survivors = await this.deps.identities.survivorsOf(named);
    const stale = named.filter((id) => survivors.get(id) !== id);
    const survivorOf = (e: CustomerUpdatedEvent) => survivors.get(e.customerId) ?? e.customerId;
    const people = [...new Set(events.map(survivorOf))];
    // The facts kept here only feed profiling: kept only for a person who allows it now. Without an answer
    // none are kept either; the update is retried then, and recorded once governance says yes.
    const answers = await this.profilingAnswers(people);
    const allowed = new Set(people.filter((_, i) => answers[i] === 'allowed'));
    const kept = events.filter((e) => allowed.has(survivorOf(e)));
    await this.deps.touches.recordMany(touchFactsOf(kept));
    await this.deps.facts.recordUpdates(kept);
    // The yeses are asked again below, after the write: a withdrawal that landed in between removes the facts just kept.
    const { unanswered } = await this.refreshMany(people, stale, answers);
    return { unanswered: events.filter((e) => unanswered.includes(survivorOf(e))) };
  }

  /** Recomputes one customer (a survivor) from their facts; `mergedAway` ids lose what was kept under them. */
  async refresh(customerId: string, mergedAway: readonly string[] = []): Promise<'scored' | 'withheld' | 'unanswered'> {
    const { withheld, unanswered } = await this.refreshMany([customerId], mergedAway);
    return withheld.includes(customerId) ? 'withheld' : unanswered.includes(customerId) ? 'unanswered' : 'scored';
  }

  /** Removes everything derived from profiling these ids: features, scores and explanations, segment membership. */
  async forget(customerIds: readonly string[]): Promise<void> {
    if (customerIds.length === 0) return;
    await this.deps.vectors.eraseCustomers(customerIds);
    await this.deps.scores.eraseCustomers(customerIds);
    for (const store of this.deps.derived ?? []) await store.eraseCustomers(customerIds);
  }

  /**
   * A profiling objection (refusal, withdrawal, restriction) over every id of the person: what was derived
   * goes, and so does every fact kept to derive it: the feature facts (touches, model attributes,
   * golden-record traits) and the touch facts. None of them serves anything else: decision rewards,
   * drop-off and journey alerts read customer.updated and touchpoint-store's journeys, not these stores.
   */
  private async applyObjection(customerIds: readonly string[]): Promise<void> {
    await this.forget(customerIds);
    await this.deps.facts.eraseCustomers(customerIds);
    await this.deps.touches.eraseCustomers(customerIds);
  }

  /**
   * Profiling needs a yes from governance: a refusal removes what was derived, no answer (governance
   * unreachable) computes nothing and removes nothing, as the sentiment module does.
   */
  private async refreshMany(
    customerIds: readonly string[],
    mergedAway: readonly string[],
    earlier?: readonly ProfilingAnswer[],
  ): Promise<{ withheld: string[]; unanswered: string[] }> {
    const { deps } = this;
    const stale = mergedAway.filter((id) => !customerIds.includes(id));
    if (stale.length > 0) await this.forget(stale);
    const answers = await this.askAgain(customerIds, earlier);
    const withheld = customerIds.filter((_, i) => answers[i] === 'refused');
    const unanswered = customerIds.filter((_, i) => answers[i] === 'unknown');
    if (withheld.length > 0) await this.applyObjection(await deps.identities.expandAll(withheld));
    const scored = customerIds.filter((_, i) => answers[i] === 'allowed');
    if (scored.length === 0) return { withheld, unanswered };
    const now = deps.now?.() ?? new Date();
    const profiles = await this.profilesNow(scored, now);
    await deps.vectors.saveMany(
      profiles.map((p) => ({ customerId: p.customerId, features: p.features, featureSetVersion: FEATURE_SET_VERSION, computedAt: now })),
    );
    await this.score(profiles, now);
    return { withheld, unanswered };
  }

  /**
   * The answers now, given those asked `earlier` (if any): only a yes can since have turned into a withdrawal to act
   * on, so only the yeses are asked again (a no, or no answer while governance is down, is not waited for twice).
   */
  private async askAgain(customerIds: readonly string[], earlier?: readonly ProfilingAnswer[]): Promise<ProfilingAnswer[]> {
    if (!earlier) return this.profilingAnswers(customerIds);
    const again = customerIds.filter((_, i) => earlier[i] === 'allowed');
    const answers = await this.profilingAnswers(again);
    const now = new Map(again.map((id, i) => [id, answers[i] ?? 'unknown'] as const));
    return customerIds.map((id, i) => now.get(id) ?? earlier[i] ?? 'unknown');
  }

  /** A few questions at a time: the consent client caches answers, but a batch of cold customers must not flood governance. */
  private async profilingAnswers(customerIds: readonly string[]): Promise<ProfilingAnswer[]> {
    const answers: ProfilingAnswer[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(CONSENT_QUESTIONS_AT_ONCE, customerIds.length) }, async () => {
        while (next < customerIds.length) {
          const i = next++;
          const answer = await this.deps.consent.check({ customerId: customerIds[i] as string, purpose: 'profiling' });
          answers[i] = answer.allowed ? 'allowed' : answer.reason === 'unavailable' ? 'unknown' : 'refused';
        }
      }),
    );
    return answers;
  }

  /** Each person's features now, from the facts and sentiment kept under every id of theirs: two reads for the lot. */
  private async profilesNow(customerIds: readonly string[], now: Date): Promise<Profile[]> {
    const lineages = await this.deps.identities.lineagesOf(customerIds);
    const ids = [...lineages.values()].flat();
    const [facts, sentiments] = await Promise.all([this.deps.facts.factsByCustomer(ids), this.deps.sentiments?.sentimentsOf(ids) ?? Promise.resolve([])]);
    const sentimentsBy = new Map<string, SentimentRecord[]>();
    for (const s of sentiments) {
      const list = sentimentsBy.get(s.customerId) ?? [];
      sentimentsBy.set(s.customerId, list);
      list.push(s);
    }
    return customerIds.map((customerId) => {
      const own = lineages.get(customerId) ?? [customerId];
      const touches = own.flatMap((id) => facts.get(id)?.touches ?? []);
      const attributes = own.flatMap((id) => facts.get(id)?.attributes ?? []);
      const profiles = own.flatMap((id) => facts.get(id)?.profiles ?? []);
      const feelings = own.flatMap((id) => sentimentsBy.get(id) ?? []);
      return { customerId, touches, features: computeFeatures({ touches, attributes, profiles, sentiments: feelings }, now, this.deps.featureOptions) };
    });
  }

  private async score(profiles: readonly Profile[], now: Date): Promise<void> {
    const models = await this.deps.models.current();
    const saved: StoredScore[] = [];
    for (const { customerId, features, touches } of profiles) {
      for (const model of models) {
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
        if (result) saved.push({ customerId, kind: model.kind, modelId: model.id, modelVersion: model.version, scoredAt: now, ...result });
      }
    }
    const previous = await this.deps.scores.saveMany(saved);
    const changed: PredictionBandChangedEvent[] = saved.flatMap((s, i) => {
      const previousBand = previous[i]?.previousBand ?? null;
      if (previousBand === s.band) return [];
      const { customerId, kind, band, modelId, modelVersion } = s;
      return [{ customerId, kind, band, previousBand, modelId, modelVersion, scoredAt: now.toISOString() }];
    });
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
