/**
 * Tokens already verified, by their exact text, so a token presented again (every request of a
 * client, every subgraph fetch the gateway signs once) costs a map lookup instead of an HMAC or
 * RSA check. Only successful verifications are kept; an entry never outlives the token's `exp`, nor
 * `maxAgeMs`, after which the token is checked again in full (JWKS key removals reach us then).
 */
export class VerifiedTokenCache<T> {
  private readonly entries = new Map<string, { value: T; validUntilMs: number }>();

  constructor(
    private readonly maxAgeMs = 60_000,
    private readonly maxEntries = 10_000,
  ) {}

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
    if (this.entries.size >= this.maxEntries) this.evict(nowMs);
    this.entries.set(token, { value, validUntilMs });
  }

  get size(): number {
    return this.entries.size;
  }

  // Expired entries go first; if every entry is live, the oldest (first inserted) half goes.
  private evict(nowMs: number): void {
    for (const [token, entry] of this.entries) if (nowMs >= entry.validUntilMs) this.entries.delete(token);
    if (this.entries.size < this.maxEntries) return;
    let drop = Math.ceil(this.entries.size / 2);
    for (const token of this.entries.keys()) {
      if (drop-- <= 0) break;
      this.entries.delete(token);
    }
  }
}
