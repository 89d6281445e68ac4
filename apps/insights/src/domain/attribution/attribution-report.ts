import { compilerFor, type AttributionModel, type ModelSettings } from './attribution-models';
import { withBootstrapIntervals, type CreditInterval } from './bootstrap';
import type { ConversionPath } from './conversion-path';

export interface ModelReport {
  model: AttributionModel;
  credits: (CreditInterval & { share: number })[];
}

/** Each model's credit per key with its bootstrap interval (same seed for every model, so reruns agree). */
export function attributeByModels(
  paths: readonly ConversionPath[],
  models: readonly AttributionModel[],
  settings: ModelSettings,
  bootstrap: { replicates: number; seed: number },
): ModelReport[] {
  const intervals = withBootstrapIntervals(
    paths,
    models.map((model) => compilerFor(model, settings)),
    bootstrap,
  );
  return models.map((model, m) => {
    const credits = intervals[m] ?? [];
    const total = credits.reduce((s, c) => s + c.credit, 0);
    return {
      model,
      credits: credits
        .map((c) => ({ ...c, share: total > 0 ? c.credit / total : 0 }))
        .sort((a, b) => b.credit - a.credit || a.channel.localeCompare(b.channel)),
    };
  });
}
