import { checkSchema, EventSchemaCatalog, type EventSchemaVersion, type UnknownEventPolicy } from '../domain/event-schema-catalog';
import type { EventSchemaRepository } from '../store/event-schema.repository';

/**
 * The catalog intake judges against, rebuilt from the registry at most every `ttlMs`, so a schema
 * registered on one instance reaches the others within that time without a database read per batch.
 */
export class EventSchemaRegistry {
  private cached: { catalog: EventSchemaCatalog; loadedAt: number } | null = null;

  constructor(
    private readonly schemas: EventSchemaRepository,
    private readonly policy: UnknownEventPolicy,
    private readonly ttlMs: number,
  ) {}

  async catalog(): Promise<EventSchemaCatalog> {
    if (this.cached && Date.now() - this.cached.loadedAt < this.ttlMs) return this.cached.catalog;
    const catalog = new EventSchemaCatalog(await this.schemas.all(), this.policy);
    this.cached = { catalog, loadedAt: Date.now() };
    return catalog;
  }

  /** Throws InvalidSchemaError for a schema that does not compile; this instance sees the new version at once. */
  async register(event: string, schema: unknown): Promise<EventSchemaVersion & { registeredAt: Date }> {
    checkSchema(schema);
    const version = await this.schemas.register(event, schema);
    this.cached = null;
    return version;
  }

  async list(): Promise<EventSchemaVersion[]> {
    return this.schemas.all();
  }
}
