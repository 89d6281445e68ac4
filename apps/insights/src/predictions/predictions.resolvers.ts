import type { ConsentClient } from '@c360/consent-client';
import type { PredictionKind } from '@c360/contracts';
import type { CustomerIdentityView } from '@c360/service-kit';
import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import { GraphQLError } from 'graphql';
import type { Resolvers } from '../__generated__/resolvers-types';
import { FEATURE_DEFINITIONS, FEATURE_SET_VERSION } from '../domain/features/feature-definitions';
import type { FeatureReader } from '../features/feature-reader';
import type { ActiveModels } from '../models/active-models';
import type { ModelRegistryRepository } from '../models/model-registry.repository';
import type { ModelRunRepository } from '../models/model-run.repository';
import { PREDICTION_ENUM_VALUES } from '../models/predictions-enums';
import { enqueueTraining, type TrainingJob } from '../models/training.job';
import { defaultCutoff, labelUntilOf, trainParamsSchema } from '../models/training-params';
import type { ScoreRepository } from './score.repository';

export interface PredictionsApiDeps {
  runs: ModelRunRepository;
  registry: ModelRegistryRepository;
  scores: ScoreRepository;
  activeModels: ActiveModels;
  identities: CustomerIdentityView;
  consent: Pick<ConsentClient, 'isAllowed'>;
  trainingQueue: Queue<TrainingJob>;
  features: FeatureReader;
  now?: () => Date;
}

const badInput = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

export function createPredictionResolvers(deps: PredictionsApiDeps): Resolvers {
  const now = () => deps.now?.() ?? new Date();
  const modelOrFail = async (id: string) => {
    const model = await deps.registry.get(id);
    if (!model) throw badInput(`no model ${id}`);
    return model;
  };
  return {
    ...PREDICTION_ENUM_VALUES,
    Customer: {
      predictions: async (customer) => {
        const survivor = await deps.identities.survivorOf(customer.id);
        // Withheld, not zero: without profiling consent nothing is computed, and nothing kept is shown.
        if (!(await deps.consent.isAllowed({ customerId: survivor, purpose: 'profiling' }))) return { withheld: true, scores: [], nextSteps: [] };
        const scores = await deps.scores.forCustomer(survivor);
        return { withheld: false, scores, nextSteps: scores.find((s) => s.kind === 'next_steps')?.nextSteps ?? [] };
      },
      features: async (customer) => {
        const current = await deps.features.featuresOf(customer.id);
        if (!current) return { available: false, featureSetVersion: null, computedAt: null, values: [] };
        const values = Object.entries(current.features)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([name, v]) => ({ name, number: typeof v === 'number' ? v : null, text: typeof v === 'string' ? v : null }));
        return { available: true, featureSetVersion: current.featureSetVersion, computedAt: current.computedAt, values };
      },
    },
    CustomerFeatures: {
      values: (f) => f.values,
    },
    Prediction: {
      expectedPurchases: (p) => p.details['expectedPurchases'] ?? null,
      probabilityAlive: (p) => p.details['probabilityAlive'] ?? null,
    },
    ModelRun: {
      learner: (run) => trainParamsSchema.parse(run.params).learner,
      cutoff: (run) => new Date(trainParamsSchema.parse(run.params).cutoff),
      horizonDays: (run) => trainParamsSchema.parse(run.params).horizonDays,
      conversionEvent: (run) => trainParamsSchema.parse(run.params).conversionEvent ?? null,
      result: (run) => run.result,
    },
    ModelRunResult: {
      dataFrom: (r) => (r.dataWindow.from ? new Date(r.dataWindow.from) : null),
      cutoff: (r) => new Date(r.dataWindow.cutoff),
      labelUntil: (r) => new Date(r.dataWindow.labelUntil),
      metrics: (r) => ({ calibration: [], ...r.metrics }),
      model: async (r) => {
        const model = await deps.registry.get(r.modelId);
        return model ? deps.registry.statusOf(model) : null;
      },
    },
    Query: {
      modelRuns: async (_root, args) => {
        if (!args.first || args.first < 1 || args.first > 100) throw badInput('first must be between 1 and 100');
        return deps.runs.list(args.kind ?? undefined, args.first);
      },
      modelRun: (_root, args) => deps.runs.get(args.id),
      models: (_root, args) => deps.registry.list(args.kind ?? undefined),
      featureSet: () => ({ version: FEATURE_SET_VERSION, features: FEATURE_DEFINITIONS.map((d) => ({ ...d, kind: d.kind.toUpperCase() })) }),
    },
    Mutation: {
      trainModel: async (_root, { input }) => {
        const horizonDays = input.horizonDays ?? (input.kind === 'clv' ? 90 : 30);
        const parsed = trainParamsSchema.safeParse({
          kind: input.kind,
          learner: input.learner ?? 'logistic',
          cutoff: (input.cutoff ?? null)?.toISOString() ?? defaultCutoff(horizonDays, now()),
          horizonDays,
          conversionEvent: input.conversionEvent ?? undefined,
          seed: input.seed ?? 42,
        });
        if (!parsed.success) throw badInput(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
        if (labelUntilOf(parsed.data) > now()) throw badInput('cutoff plus horizonDays is in the future: the labels would be incomplete');
        const run = await deps.runs.create({ id: `run-${randomUUID()}`, kind: parsed.data.kind, params: parsed.data, createdAt: now() });
        await enqueueTraining(deps.trainingQueue, run.id);
        return run;
      },
      promoteModel: async (_root, { modelId }) => {
        const model = await modelOrFail(modelId);
        await deps.registry.promote(model, now());
        deps.activeModels.invalidate();
        return deps.registry.statusOf(model);
      },
      rollbackModel: async (_root, { kind }) => {
        const previous = await deps.registry.rollback(kind as PredictionKind, now());
        if (!previous) throw badInput(`no earlier ${kind} model to roll back to`);
        deps.activeModels.invalidate();
        return deps.registry.statusOf(await modelOrFail(previous));
      },
    },
  };
}
