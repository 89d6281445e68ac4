import { eventKeyOf, TOUCHPOINT_PROPERTY_SCHEMAS, type TouchpointInput } from '@c360/contracts';
import { Ajv, type ValidateFunction } from 'ajv';

/** A registered JSON Schema for the properties of one event name, at one version. */
export interface EventSchemaVersion {
  event: string;
  version: number;
  schema: Record<string, unknown>;
}

export type UnknownEventPolicy = 'allow' | 'quarantine';

export type SchemaVerdict =
  | { ok: true; event: string; schemaVersion: number | null }
  | { ok: false; event: string; schemaVersion: number | null; code: 'SCHEMA_VIOLATION' | 'UNKNOWN_EVENT'; reasons: string[] };

export class InvalidSchemaError extends Error {}

function newAjv(): Ajv {
  // strict: a registered schema with a misspelt keyword is refused rather than silently ignored.
  return new Ajv({ allErrors: true, strict: true });
}

/** Compiles a schema once to prove it is valid JSON Schema; used before a version is registered. */
export function checkSchema(schema: unknown): asserts schema is Record<string, unknown> {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) throw new InvalidSchemaError('a JSON Schema must be an object');
  try {
    newAjv().compile(schema);
  } catch (err) {
    throw new InvalidSchemaError(`not a valid JSON Schema: ${(err as Error).message}`);
  }
}

function describe(errors: ValidateFunction['errors']): string[] {
  return (errors ?? []).map((e) => `properties${e.instancePath.replace(/\//g, '.')}: ${e.message ?? 'invalid'}`);
}

/**
 * Judges a touchpoint's properties: first against its type's built-in schema, then against the
 * latest registered version for its event name. An event name nobody registered follows the
 * unknown-event policy; unnamed calls (page, screen, identify...) are known by their type.
 */
export class EventSchemaCatalog {
  private readonly ajv = newAjv();
  private readonly latest = new Map<string, { version: number; validate: ValidateFunction }>();
  private readonly builtIn = new Map<string, ValidateFunction>();

  constructor(
    versions: readonly EventSchemaVersion[],
    private readonly unknownEvents: UnknownEventPolicy,
  ) {
    for (const [type, schema] of Object.entries(TOUCHPOINT_PROPERTY_SCHEMAS)) this.builtIn.set(type, this.ajv.compile(schema));
    for (const v of [...versions].sort((a, b) => a.version - b.version)) this.latest.set(v.event, { version: v.version, validate: this.ajv.compile(v.schema) });
  }

  judge(item: TouchpointInput): SchemaVerdict {
    const event = eventKeyOf(item);
    const registered = this.latest.get(event);
    const schemaVersion = registered?.version ?? null;
    const builtIn = this.builtIn.get(item.type);
    const reasons = builtIn && !builtIn(item.properties) ? describe(builtIn.errors) : [];
    if (registered && !registered.validate(item.properties)) reasons.push(...describe(registered.validate.errors));
    if (reasons.length > 0) return { ok: false, event, schemaVersion, code: 'SCHEMA_VIOLATION', reasons };
    if (!registered && item.event !== undefined && this.unknownEvents === 'quarantine') {
      return { ok: false, event, schemaVersion, code: 'UNKNOWN_EVENT', reasons: [`no schema is registered for event "${event}"`] };
    }
    return { ok: true, event, schemaVersion };
  }
}
