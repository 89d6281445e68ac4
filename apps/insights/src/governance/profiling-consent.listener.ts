import { CONSENT_CHANGED, consentChangedChannel, consentChangedEventSchema, readVersioned } from '@c360/contracts';
import { type CustomerIdentityView, type Logger, type RedisClient, subscribeWhenReady } from '@c360/service-kit';

export interface ProfilingRefresh {
  /** Recomputes a survivor under its current consent: scores again when allowed; when not, removes everything derived and every fact kept to derive it. */
  refresh(customerId: string): Promise<unknown>;
  forget(customerIds: readonly string[]): Promise<void>;
}

/**
 * Acts on consent.changed: a customer who withdrew profiling consent (or was restricted) loses their
 * features, scores, explanations, segment membership and every fact kept to derive them (touch facts,
 * feature facts: touches, model attributes, golden-record traits), under every id of theirs, at once
 * rather than at their next update. One who granted it is profiled again, from their whole history:
 * what insights lacks of it (nothing was kept meanwhile) is restored from touchpoint-store first, then
 * scored; if touchpoint-store does not answer, from the updates that follow. The cached answers are dropped first, so the check that
 * follows asks governance. A message missed while disconnected is covered by the read path, which
 * checks consent before showing anything, and by the next update, which removes what is kept.
 */
export async function startProfilingConsentListener(deps: {
  redis: RedisClient;
  prefix: string;
  consent: { invalidate(customerIds: readonly string[]): void };
  identities: CustomerIdentityView;
  profiling: ProfilingRefresh;
  /** Restores a survivor's history when profiling is allowed (predictions/profiling-history.ts). */
  history?: { restore(customerId: string): Promise<number> };
  logger: Logger;
}): Promise<{ close(): Promise<void>; idle(): Promise<void> }> {
  const subscriber = deps.redis.duplicate();
  let work: Promise<void> = Promise.resolve();
  const handle = async (customerIds: readonly string[]) => {
    deps.consent.invalidate(customerIds);
    const survivors = await deps.identities.survivorsOf(customerIds);
    const mergedAway = [...survivors].filter(([id, s]) => id !== s).map(([id]) => id);
    if (mergedAway.length > 0) await deps.profiling.forget(mergedAway);
    for (const survivor of new Set(survivors.values())) {
      // A history not restored now leaves the person scored on what is kept; it never stops the refresh.
      await deps.history?.restore(survivor).catch((err: unknown) => deps.logger.warn({ err: (err as Error).message }, 'profiling history not restored'));
      await deps.profiling.refresh(survivor);
    }
  };
  subscriber.on('message', (_channel: string, message: string) => {
    let ids: string[];
    try {
      const read = readVersioned(CONSENT_CHANGED, consentChangedEventSchema, JSON.parse(message));
      // Unreadable is as if missed (see above); an unknown major is logged, since only an upgrade mends it.
      if (!read.ok) {
        if (read.reason === 'unsupported_version') deps.logger.warn({ reason: read.reason }, 'consent change of an unknown major not read');
        return;
      }
      ids = read.data.customerIds;
    } catch {
      return;
    }
    // In arrival order, one at a time: a withdrawal followed by a grant must end granted.
    work = work.then(() => handle(ids)).catch((err: unknown) => deps.logger.warn({ err: (err as Error).message }, 'consent change not applied to profiling'));
  });
  await subscribeWhenReady(subscriber, consentChangedChannel(deps.prefix));
  return {
    idle: () => work,
    close: async () => {
      await work;
      await subscriber.quit();
    },
  };
}
