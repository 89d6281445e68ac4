import { LRUCache } from 'lru-cache';

/**
 * Tokens already verified, by their exact text, so a token presented again (every request of a
 * client, every subgraph fetch the gateway signs once) costs a lookup instead of an HMAC or RSA
 * check. Only successful verifications are kept; an entry never outlives the token's `exp`, nor
 * `maxAgeMs`, after which the token is checked again in full (JWKS key removals reach us then). At
 * most `maxEntries` are kept, the least recently used going first, so a flood of distinct tokens
 * costs bounded memory.
 */
export class VerifiedTokenCache<T> {
  // Expiry is checked against the caller's clock rather than lru-cache's ttl, so tests can give the time.
  private readonly entries: LRUCache<string, { value: T; validUntilMs: number }>;

  constructor(
    private readonly maxAgeMs = 60_000,
    maxEntries = 10_000,
  ) {
    this.entries = new LRUCache({ max: maxEntries });
  }

  get(token: string, nowMs = Date.now()): T | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (nowMs >= entry.validUntilMs) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.value;
  }

  /** `expiresAt` is the token's `exp` claim (epoch seconds): jose refuses a token from that second on. */
  set(token: string, value: T, expiresAt: number, nowMs = Date.now()): void {
    const validUntilMs = Math.min(expiresAt * 1000, nowMs + this.maxAgeMs);
    if (validUntilMs <= nowMs) return;
    this.entries.set(token, { value, validUntilMs });
  }

  get size(): number {
    return this.entries.size;
  }
}
