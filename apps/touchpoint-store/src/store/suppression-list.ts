import { suppressionHash, suppressionSetKey } from '@c360/contracts';
import type { RedisClient } from '@c360/service-kit';

/**
 * Reads the suppression list governance keeps in Redis (contract in `@c360/contracts`). Takes
 * normalised identifier keys, answers which of them are suppressed, in one round trip per batch.
 */
export class SuppressionList {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly secret: string,
  ) {}

  async suppressed(identifierKeys: readonly string[]): Promise<Set<string>> {
    if (identifierKeys.length === 0) return new Set();
    const unique = [...new Set(identifierKeys)];
    const hits = await this.redis.smismember(suppressionSetKey(this.prefix), ...unique.map((k) => suppressionHash(this.secret, k)));
    return new Set(unique.filter((_, i) => hits[i] === 1));
  }
}
