import type { QueryResolvers } from '../__generated__/resolvers-types';
import { ALL_MODELS, type AttributionUseCase } from './attribution.use-case';

/** attribution and compareAttribution: arguments in, aggregates out (keys are channels or campaigns, never people). */
export function createAttributionResolvers(attribution: AttributionUseCase): { Query: Pick<QueryResolvers, 'attribution' | 'compareAttribution'> } {
  return {
    Query: {
      attribution: async (_, args) => {
        const result = await attribution.run({ ...args, models: [args.model] });
        const [report] = result.reports;
        if (!report) throw new Error('attribution ran no model');
        return {
          model: args.model,
          by: args.by,
          conversionEvent: args.conversionEvent,
          conversions: result.conversions,
          unattributed: result.unattributed,
          nonConverting: result.nonConverting,
          bootstrapReplicates: attribution.replicates,
          credits: report.credits.map((c) => ({ key: c.channel, conversions: c.credit, low: c.low, high: c.high, share: c.share })),
        };
      },
      compareAttribution: async (_, args) => {
        const models = args.models ?? [...ALL_MODELS];
        const result = await attribution.run({ ...args, models });
        const keys = [...new Set(result.reports.flatMap((r) => r.credits.map((c) => c.channel)))].sort();
        return {
          by: args.by,
          conversionEvent: args.conversionEvent,
          conversions: result.conversions,
          unattributed: result.unattributed,
          nonConverting: result.nonConverting,
          models,
          rows: keys.map((key) => ({
            key,
            models: result.reports.map((r) => {
              const c = r.credits.find((x) => x.channel === key);
              return { model: r.model, conversions: c?.credit ?? 0, low: c?.low ?? 0, high: c?.high ?? 0 };
            }),
          })),
        };
      },
    },
  };
}
