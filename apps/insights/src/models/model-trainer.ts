import { randomUUID } from 'node:crypto';
import { FEATURE_SET_VERSION } from '../domain/features/feature-definitions';
import { ClvError } from '../domain/clv';
import { LearningError } from '../domain/learning/learning-error';
import { countMetrics, purchaseDays } from '../domain/models/clv-validation';
import type { Learners } from '../domain/models/model-scoring';
import type { SequenceArtifact } from '../domain/models/sequence-scoring';
import { beats } from '../domain/sequence/sequence-training';
import { splitUsers } from '../domain/sequence/user-split';
import { PROBABILITY_BANDS, tercileBands } from '../domain/predictions/bands';
import type { ModelRegistryRepository } from './model-registry.repository';
import type { RunResult } from './model-run.repository';
import { buildSequences, buildTrainingRows, labelRows, type DatasetDeps } from './training-dataset';
import { labelUntilOf, type TrainParams } from './training-params';
import { runInTrainingThread } from './training-thread/training-thread.client';

export interface TrainerDeps extends DatasetDeps {
  registry: ModelRegistryRepository;
  learners: Learners;
}

/** Why a run could not produce a model (too little data, one class...): the run fails with this, retrying cannot help. */
export class TrainingRefused extends Error {
  override readonly name = 'TrainingRefused';
}

const finite = (x: number) => (Number.isFinite(x) ? x : null);

/**
 * One training run: rows as of the cutoff, labels from the horizon, the learning module's hold-out
 * and metrics, and the model stored as a candidate (never promoted here).
 */
export async function trainModel(deps: TrainerDeps, runId: string, params: TrainParams, progress: (share: number) => Promise<void>): Promise<RunResult> {
  if (params.kind === 'next_steps') return trainNextSteps(deps, runId, params, progress);
  const cutoff = new Date(params.cutoff);
  const labelUntil = labelUntilOf(params);
  const rows = await buildTrainingRows(deps, cutoff, labelUntil, progress);
  await progress(0.4);
  const base = { runId, featureSetVersion: FEATURE_SET_VERSION, trainedAt: new Date(), params: { ...params } };
  const dataWindow = { from: null, cutoff, labelUntil };
  if (params.kind === 'clv') {
    if (!deps.learners.clv) throw new TrainingRefused('no lifetime-value model is available in this deployment yet');
    const buyers = rows.filter((r) => (r.features['purchases_total'] as number) > 0);
    if (buyers.length < 10) throw new TrainingRefused(`only ${buyers.length} customers with a purchase before the cutoff`);
    let artifact;
    try {
      artifact = deps.learners.clv.fit(
        buyers.map((r) => r.features),
        params.horizonDays,
        cutoff,
      );
    } catch (err) {
      if (err instanceof ClvError) throw new TrainingRefused(`${err.code}: ${err.message}`);
      throw err;
    }
    const predicted = buyers.map((r) => deps.learners.clv?.predict(artifact, r.features) ?? null);
    const scores = predicted.map((p) => p?.expectedValue ?? 0);
    const version = await deps.registry.nextVersion('clv');
    const id = `clv-v${version}-${randomUUID().slice(0, 8)}`;
    await deps.registry.saveCandidate({ ...base, id, kind: 'clv', version, learner: deps.learners.clv.name, bands: tercileBands(scores), artifact });
    await progress(0.95);
    return {
      dataWindow,
      featureSetVersion: FEATURE_SET_VERSION,
      split: {
        method: 'calibration up to the cutoff, holdout the horizon after it',
        train: buyers.length,
        test: buyers.length,
        trainPositives: 0,
        testPositives: 0,
      },
      metrics: countMetrics(
        buyers.map((r) => purchaseDays(r.outcome, deps.featureOptions?.purchaseEvents)),
        predicted.map((p) => p?.details['expectedPurchases'] ?? 0),
      ),
      importance: [],
      modelId: id,
      modelVersion: version,
    };
  }
  const spec = params.kind === 'churn' ? { kind: 'churn' as const } : { kind: 'conversion' as const, conversionEvent: params.conversionEvent ?? '' };
  const labels = labelRows(rows, spec);
  let trained;
  try {
    // Off the event loop: the customer.updated worker in this process keeps scoring meanwhile.
    trained = await runInTrainingThread({
      task: 'propensity',
      rows: rows.map((r) => r.features),
      labels,
      options: { learner: params.learner, seed: params.seed },
    });
  } catch (err) {
    if (err instanceof LearningError) throw new TrainingRefused(`${err.code}: ${err.message}`);
    throw err;
  }
  await progress(0.9);
  const version = await deps.registry.nextVersion(params.kind);
  const id = `${params.kind}-v${version}-${randomUUID().slice(0, 8)}`;
  await deps.registry.saveCandidate({
    ...base,
    id,
    kind: params.kind,
    version,
    learner: trained.learner,
    bands: PROBABILITY_BANDS,
    artifact: trained.model as unknown as Record<string, unknown>,
  });
  const holdout = new Set(trained.split.holdoutIndices);
  const positives = (inHoldout: boolean) => labels.filter((y, i) => y === 1 && holdout.has(i) === inHoldout).length;
  const m = trained.metrics;
  return {
    dataWindow,
    featureSetVersion: FEATURE_SET_VERSION,
    split: {
      method: `stratified hold-out ${trained.split.holdoutFraction} (seed ${trained.split.seed})`,
      train: trained.split.trainRows,
      test: trained.split.holdoutRows,
      trainPositives: positives(false),
      testPositives: positives(true),
    },
    metrics: {
      rocAuc: finite(m.rocAuc),
      prAuc: finite(m.prAuc),
      brier: finite(m.brier),
      liftTopDecile: finite(m.liftTopDecile),
      calibration: m.calibration,
      positiveRate: trained.classBalance.positiveRate,
      imbalanceRatio: finite(trained.classBalance.imbalanceRatio),
      crossValidation: trained.crossValidation,
      cvRocAuc: finite(trained.crossValidation?.byLearner.find((l) => l.learner === trained.learner)?.meanRocAuc ?? Number.NaN),
    },
    importance: trained.importance.map((i) => ({ feature: i.feature, importance: i.meanAbsContribution })),
    modelId: id,
    modelVersion: version,
  };
}

const DAY_MS = 86_400_000;

/**
 * A next-steps run: customers split 80/20 (seeded), the GRU and the order-k Markov baseline trained on
 * the 80% (sequence-training.ts holds a tenth back to stop early and choose the order), both scored on
 * the 20%. The stored artifact serves the network only if it beat the baseline on both figures there.
 */
async function trainNextSteps(deps: TrainerDeps, runId: string, params: TrainParams, progress: (share: number) => Promise<void>): Promise<RunResult> {
  const cutoff = new Date(params.cutoff);
  const target = params.conversionEvent ?? '';
  const users = (await buildSequences(deps, cutoff, progress)).filter((u) => u.steps.length > 1);
  if (users.length < 50) throw new TrainingRefused(`only ${users.length} customers with two or more steps before the cutoff`);
  const { train, test } = splitUsers(users, 0.2, params.seed);
  await progress(0.35);
  const horizonMs = params.horizonDays * DAY_MS;
  const { trained, network, baseline } = await runInTrainingThread({ task: 'sequence', train, test, options: { target, horizonMs, seed: params.seed } });
  await progress(0.85);
  const servedBy = beats(network, baseline) ? 'gru' : 'markov';
  const version = await deps.registry.nextVersion('next_steps');
  const id = `next_steps-v${version}-${randomUUID().slice(0, 8)}`;
  const artifact: SequenceArtifact = { servedBy, target, baseline: trained.baseline, network: trained.network };
  await deps.registry.saveCandidate({
    runId,
    featureSetVersion: FEATURE_SET_VERSION,
    trainedAt: new Date(),
    params: { ...params },
    id,
    kind: 'next_steps',
    version,
    learner: servedBy === 'gru' ? 'gru' : `markov-${trained.baseline.order}`,
    bands: PROBABILITY_BANDS,
    artifact: artifact as unknown as Record<string, unknown>,
  });
  const reached = (us: typeof users) => us.filter((u) => u.steps.some((s) => s.event === target)).length;
  return {
    dataWindow: { from: null, cutoff, labelUntil: labelUntilOf(params) },
    featureSetVersion: FEATURE_SET_VERSION,
    split: {
      method: `customers 80/20 (seed ${params.seed})`,
      train: train.length,
      test: test.length,
      trainPositives: reached(train),
      testPositives: reached(test),
    },
    metrics: {
      rocAuc: finite(network.targetAuc),
      baselineRocAuc: finite(baseline.targetAuc),
      nextTop3: finite(network.nextTop3),
      baselineNextTop3: finite(baseline.nextTop3),
      servedBy: servedBy === 'gru' ? 'gru' : `markov-${trained.baseline.order}`,
      calibration: [],
    },
    importance: [],
    modelId: id,
    modelVersion: version,
  };
}
