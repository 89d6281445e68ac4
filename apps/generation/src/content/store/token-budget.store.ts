import type { RedisClient } from '@c360/service-kit';

export interface Reservation {
  key: string;
  tokens: number;
}

/**
 * The daily token budget per content purpose, in Redis so every generation instance shares it. A
 * call reserves its worst case before it is sent (INCRBY is atomic, so two instances cannot both
 * take the last tokens) and settles to what it really used afterwards.
 */
export class TokenBudgetStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly dailyLimits: Readonly<Record<string, number>>,
    private readonly defaultLimit: number,
  ) {}

  limitFor(purpose: string): number {
    return this.dailyLimits[purpose] ?? this.defaultLimit;
  }

  private key(purpose: string, now: Date): string {
    return `${this.prefix}:generation:tokens:${purpose}:${now.toISOString().slice(0, 10)}`;
  }

  /** Takes `tokens` from today's budget for the purpose, or null (taking nothing) when they do not fit. */
  async reserve(purpose: string, tokens: number, now = new Date()): Promise<Reservation | null> {
    const key = this.key(purpose, now);
    const total = await this.redis.incrby(key, tokens);
    if (total === tokens) await this.redis.expire(key, 2 * 86_400);
    if (total > this.limitFor(purpose)) {
      await this.redis.decrby(key, tokens);
      return null;
    }
    return { key, tokens };
  }

  /** Replaces a reservation by what the call used (0 when it failed before using any). */
  async settle(reservation: Reservation, usedTokens: number): Promise<void> {
    const delta = usedTokens - reservation.tokens;
    if (delta !== 0) await this.redis.incrby(reservation.key, delta);
  }

  async used(purpose: string, now = new Date()): Promise<number> {
    return Number((await this.redis.get(this.key(purpose, now))) ?? 0);
  }
}
