import type { CountryCode } from 'libphonenumber-js';
import { IdentifierRegistry, type NormaliseResult } from './identifier-registry';

const registries = new Map<string, IdentifierRegistry>();

/**
 * Normalises with the built-in types and default options (emails trimmed, lower-cased and folded for
 * gmail; phones E.164 read in `region`). Services that need a deployment's configured types build
 * their own IdentifierRegistry.
 */
export function normaliseIdentifier(type: string, raw: string, region: CountryCode): NormaliseResult {
  let registry = registries.get(region);
  if (!registry) {
    registry = new IdentifierRegistry({ defaultRegion: region });
    registries.set(region, registry);
  }
  return registry.normalise(type, raw);
}
