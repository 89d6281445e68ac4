import type { ModelRegistryRepository, ModelVersion } from './model-registry.repository';

/**
 * The active model of each kind, read from the registry at most every `ttlMs`: scoring runs on every
 * customer.updated and must not read the registry each time. A promotion or rollback reaches every
 * replica within `ttlMs`; this replica's own are seen at once (`invalidate`).
 */
export class ActiveModels {
  private cached: { models: ModelVersion[]; at: number } | undefined;
  private pending: Promise<ModelVersion[]> | undefined;

  constructor(
    private readonly registry: Pick<ModelRegistryRepository, 'activeModels'>,
    private readonly ttlMs = 2_000,
  ) {}

  async current(): Promise<ModelVersion[]> {
    if (this.cached && Date.now() - this.cached.at < this.ttlMs) return this.cached.models;
    this.pending ??= this.registry
      .activeModels()
      .then((models) => {
        this.cached = { models, at: Date.now() };
        return models;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  invalidate(): void {
    this.cached = undefined;
  }
}
