import type { IdentifierRegistry } from '@c360/identifiers';
import type { IdentityGraphConfig } from './config';
import { DEFAULT_MATCH_MODEL, LEVELS, type MatchModel } from './domain/comparison-model';
import type { TypeRule } from './domain/plan-resolution';

/** Planning rules per type; a type the registry no longer knows (configuration removed) neither links nor limits. */
export function rulesFrom(registry: IdentifierRegistry): (type: string) => TypeRule {
  return (type) => registry.definition(type) ?? { priority: 0, limit: 1_000_000, unique: false, links: false };
}

/** The matcher's model: default weights, overridden per field by MATCH_WEIGHTS, and the configured thresholds. */
export function matchModelFrom(config: Pick<IdentityGraphConfig, 'MATCH_UPPER_THRESHOLD' | 'MATCH_LOWER_THRESHOLD' | 'MATCH_WEIGHTS'>): MatchModel {
  const fields = DEFAULT_MATCH_MODEL.fields.map((field) => {
    const weights = config.MATCH_WEIGHTS[field.field];
    if (!weights) return field;
    if (weights.length !== field.levels.length)
      throw new Error(`MATCH_WEIGHTS.${field.field}: expected ${field.levels.length} levels (${LEVELS[field.kind].join(', ')})`);
    return { ...field, levels: weights.map(([m, u]) => ({ m, u })) };
  });
  const unknown = Object.keys(config.MATCH_WEIGHTS).filter((f) => !fields.some((x) => x.field === f));
  if (unknown.length > 0) throw new Error(`MATCH_WEIGHTS: unknown fields ${unknown.join(', ')}`);
  return { fields, upper: config.MATCH_UPPER_THRESHOLD, lower: config.MATCH_LOWER_THRESHOLD };
}
