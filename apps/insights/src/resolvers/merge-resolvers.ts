import type { Resolvers } from '../__generated__/resolvers-types';

/**
 * Resolver maps of several modules as one: each module brings its own fields of shared types
 * (Customer, Query, Mutation), so modules added on other branches merge without touching each other.
 */
export function mergeResolvers(...maps: Resolvers[]): Resolvers {
  const merged: Record<string, unknown> = {};
  for (const map of maps)
    for (const [type, fields] of Object.entries(map)) {
      const existing = merged[type];
      merged[type] = existing && typeof existing === 'object' && typeof fields === 'object' && !isScalar(fields) ? { ...existing, ...fields } : fields;
    }
  return merged as Resolvers;
}

function isScalar(value: object): boolean {
  return 'serialize' in value && 'parseValue' in value;
}
