import { IdentifierRegistry } from '@c360/identifiers';
import type { IdentityGraphConfig } from './config';
import { DEFAULT_MATCH_MODEL, type MatchModel } from './domain/comparison-model';
import type { TypeRule } from './domain/plan-resolution';

/** The identifier registry a deployment's configuration describes. */
export function registryFrom(config: Pick<IdentityGraphConfig, 'DEFAULT_PHONE_REGION' | 'IDENTIFIER_TYPES_CONFIG' | 'EMAIL_DOT_INSENSITIVE_DOMAINS' | 'EMAIL_PLUS_INSENSITIVE_DOMAINS'>): IdentifierRegistry {
  return new IdentifierRegistry({
    defaultRegion: config.DEFAULT_PHONE_REGION,
    configured: config.IDENTIFIER_TYPES_CONFIG,
    email: { dotInsensitiveDomains: config.EMAIL_DOT_INSENSITIVE_DOMAINS, plusInsensitiveDomains: config.EMAIL_PLUS_INSENSITIVE_DOMAINS },
  });
}

/** Planning rules per type; a type the registry no longer knows (configuration removed) neither links nor limits. */
export function rulesFrom(registry: IdentifierRegistry): (type: string) => TypeRule {
  return (type) => registry.definition(type) ?? { priority: 0, limit: 1_000_000, unique: false, links: false };
}

export function matchModelFrom(config: Pick<IdentityGraphConfig, 'MATCH_UPPER_THRESHOLD' | 'MATCH_LOWER_THRESHOLD'>): MatchModel {
  return { ...DEFAULT_MATCH_MODEL, upper: config.MATCH_UPPER_THRESHOLD, lower: config.MATCH_LOWER_THRESHOLD };
}
