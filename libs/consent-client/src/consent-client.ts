import { LRUCache } from 'lru-cache';
import { INTERNAL_HEADER, signInternalToken } from '@c360/auth';
import { CONSENT_CHANGED, consentChangedChannel, consentChangedEventSchema, readVersioned } from '@c360/contracts';
import { metricOn, type RedisClient, subscribeWhenReady, traceHeaders } from '@c360/service-kit';
import { Counter, Histogram, type Registry } from 'prom-client';
import { CONSENT_PROFILE_PATH, consentProfileSchema, decideConsent, type ConsentAnswer, type ConsentProfile, type ConsentQuestion } from './consent-profile';

export interface ConsentClientOptions {
  /** governance's base URL, e.g. http://127.0.0.1:4005. */
  governanceUrl: string;
  internalTokenSecret: string;
  /** Who is asking (the service name), as the subject of the internal token. */
  caller: string;
  /** A Redis connection to copy for the consent.changed subscription (a subscribing connection can do nothing else). */
  redis: RedisClient;
  queuePrefix: string;
  /** An answer is never older than this, even if a consent.changed message was missed. */
  maxStaleMs: number;
  /** How long to wait for governance before answering "no". */
  timeoutMs: number;
  /** Customers whose answers are kept at once (default 50,000), the least recently asked dropped first. */
  maxCachedCustomers?: number;
  /** Where consent-check latency (by source: cache, governance, unavailable) and fail-closed answers are counted. */
  metrics?: Registry;
}

interface CachedProfile {
  profile: ConsentProfile;
  fetchedAt: number;
}

// Signed tokens live 60 s; one is reused for a while rather than signed per question.
const TOKEN_REUSE_MS = 30_000;

/**
 * Asks governance "may I use this customer's data for purpose P on channel C?". Answers are cached
 * per customer, dropped when governance announces a change (consent.changed) and in any case after
 * `maxStaleMs`. When governance cannot be reached the answer is "no" (fail closed) and nothing is
 * cached, so the next question asks again.
 */
export class ConsentClient {
  // Bounded: a service asking about millions of customers keeps the most recently asked.
  private readonly cache: LRUCache<string, CachedProfile>;
  private readonly inflight = new Map<string, Promise<ConsentProfile>>();
  private subscriber: RedisClient | undefined;
  private token: { value: string; signedAt: number } | undefined;
  private readonly latency: Histogram<'source'> | undefined;
  private readonly failedClosed: Counter | undefined;

  constructor(private readonly options: ConsentClientOptions) {
    this.cache = new LRUCache({ max: options.maxCachedCustomers ?? 50_000 });
    const registry = options.metrics;
    if (registry) {
      this.latency = metricOn(
        registry,
        'c360_consent_check_duration_seconds',
        () =>
          new Histogram({
            name: 'c360_consent_check_duration_seconds',
            help: 'Consent questions by where the answer came from: cache, governance, or unavailable (answered no)',
            labelNames: ['source'],
            buckets: [0.0001, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
            registers: [registry],
          }),
      );
      this.failedClosed = metricOn(
        registry,
        'c360_consent_fail_closed_total',
        () =>
          new Counter({
            name: 'c360_consent_fail_closed_total',
            help: 'Consent questions answered no because governance did not answer',
            registers: [registry],
          }),
      );
    }
  }

  /** Subscribes to consent.changed; call once before answering questions. */
  async start(): Promise<void> {
    const subscriber = this.options.redis.duplicate();
    this.subscriber = subscriber;
    subscriber.on('message', (_channel: string, message: string) => this.onChanged(message));
    // While disconnected, changes may have been missed: forget everything once connected again.
    subscriber.on('ready', () => this.forgetAll());
    await subscribeWhenReady(subscriber, consentChangedChannel(this.options.queuePrefix));
  }

  async isAllowed(question: ConsentQuestion): Promise<boolean> {
    return (await this.check(question)).allowed;
  }

  /** Like isAllowed, with the reason; `unavailable` means governance did not answer. */
  async check(question: ConsentQuestion): Promise<ConsentAnswer> {
    const end = this.latency?.startTimer();
    const source = this.isFresh(question.customerId) ? 'cache' : 'governance';
    try {
      const profile = await this.profile(question.customerId);
      end?.({ source });
      return decideConsent(profile, question.purpose, question.channel);
    } catch {
      end?.({ source: 'unavailable' });
      this.failedClosed?.inc();
      return { allowed: false, reason: 'unavailable' };
    }
  }

  /**
   * Drops cached answers for these customer ids, and forgets questions to governance still in flight
   * about them: their answer may predate the change, so a later question asks again and nothing they
   * return is cached (see `profile`).
   */
  invalidate(customerIds: readonly string[]): void {
    for (const id of customerIds) {
      this.cache.delete(id);
      this.inflight.delete(id);
    }
  }

  private forgetAll(): void {
    this.cache.clear();
    this.inflight.clear();
  }

  async close(): Promise<void> {
    this.cache.clear();
    if (this.subscriber) await this.subscriber.quit();
  }

  private onChanged(message: string): void {
    try {
      const read = readVersioned(CONSENT_CHANGED, consentChangedEventSchema, JSON.parse(message));
      // A message we cannot read (malformed, or of a major this release does not know) might have been about anyone.
      if (read.ok) this.invalidate(read.data.customerIds);
      else this.forgetAll();
    } catch {
      this.forgetAll();
    }
  }

  private isFresh(customerId: string): boolean {
    const cached = this.cache.peek(customerId);
    return cached !== undefined && Date.now() - cached.fetchedAt < this.options.maxStaleMs;
  }

  private async profile(customerId: string): Promise<ConsentProfile> {
    const cached = this.cache.get(customerId);
    if (cached && Date.now() - cached.fetchedAt < this.options.maxStaleMs) return cached.profile;
    const inflight = this.inflight.get(customerId);
    if (inflight) return inflight;
    // Aged from the request, so a slow answer does not stretch the staleness bound.
    const requestedAt = Date.now();
    const pending: Promise<ConsentProfile> = this.fetchProfile(customerId)
      .then((profile) => {
        // Cached only if no invalidation came while it was asked: that answer may not have seen the change.
        if (this.inflight.get(customerId) === pending) this.cache.set(customerId, { profile, fetchedAt: requestedAt });
        return profile;
      })
      .finally(() => {
        if (this.inflight.get(customerId) === pending) this.inflight.delete(customerId);
      });
    this.inflight.set(customerId, pending);
    return pending;
  }

  private async fetchProfile(customerId: string): Promise<ConsentProfile> {
    const url = `${this.options.governanceUrl}${CONSENT_PROFILE_PATH}/${encodeURIComponent(customerId)}`;
    const headers = { [INTERNAL_HEADER]: await this.internalToken(), ...traceHeaders() };
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(this.options.timeoutMs) });
    if (!res.ok) throw new Error(`governance answered ${res.status}`);
    return consentProfileSchema.parse(await res.json());
  }

  private async internalToken(): Promise<string> {
    if (!this.token || Date.now() - this.token.signedAt > TOKEN_REUSE_MS) {
      const value = await signInternalToken({ subject: this.options.caller, roles: ['service'], scopes: [] }, this.options.internalTokenSecret);
      this.token = { value, signedAt: Date.now() };
    }
    return this.token.value;
  }
}
