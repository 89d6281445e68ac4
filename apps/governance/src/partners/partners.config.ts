import { z } from 'zod';
import { DEFAULT_RETRY_SCHEDULE } from './retry-schedule';

const ms = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

/** Partner delivery settings, merged into governance's config schema. */
export const partnersConfigShape = {
  /** A partner endpoint that does not answer within this is treated as failed (and retried). */
  WEBHOOK_TIMEOUT_MS: ms(10_000),
  WEBHOOK_RETRY_BASE_MS: ms(DEFAULT_RETRY_SCHEDULE.baseDelayMs),
  WEBHOOK_RETRY_MAX_MS: ms(DEFAULT_RETRY_SCHEDULE.maxDelayMs),
  /** Attempts before a delivery is dead-lettered; the defaults span more than 24 hours. */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(DEFAULT_RETRY_SCHEDULE.maxAttempts),
  PARTNER_REFRESH_MS: ms(30_000),
};
