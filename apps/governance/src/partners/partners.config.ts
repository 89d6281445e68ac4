import { z } from 'zod';
import { DEFAULT_RETRY_SCHEDULE } from './retry-schedule';
import { parseEncryptionKey } from './secret-cipher';

const ms = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

const KEY_HINT = '32 random bytes, base64 or hex (e.g. `openssl rand -base64 32`)';

const encryptionKey = z.string({ error: KEY_HINT }).superRefine((value, ctx) => {
  const key = parseEncryptionKey(value);
  if (typeof key === 'string') ctx.addIssue({ code: 'custom', message: key });
});

const oldEncryptionKeys = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean),
  )
  .superRefine((keys, ctx) => {
    keys.forEach((value, i) => {
      const key = parseEncryptionKey(value);
      if (typeof key === 'string') ctx.addIssue({ code: 'custom', message: `key ${i + 1} ${key}` });
    });
  });

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Partner delivery settings, merged into governance's config schema. */
export const partnersConfigShape = {
  /** A partner endpoint that does not answer within this is treated as failed (and retried). */
  WEBHOOK_TIMEOUT_MS: ms(10_000),
  WEBHOOK_RETRY_BASE_MS: ms(DEFAULT_RETRY_SCHEDULE.baseDelayMs),
  WEBHOOK_RETRY_MAX_MS: ms(DEFAULT_RETRY_SCHEDULE.maxDelayMs),
  /** Attempts before a delivery is dead-lettered; the defaults span more than 24 hours. */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(DEFAULT_RETRY_SCHEDULE.maxAttempts),
  PARTNER_REFRESH_MS: ms(30_000),
  /** Seals partners' webhook signing secrets at rest (AES-256-GCM); no default, a key in the code would protect nothing. */
  WEBHOOK_SECRET_ENCRYPTION_KEY: encryptionKey,
  /** Former keys, comma-separated: they only open secrets sealed before a key rotation (which are sealed again at start). */
  WEBHOOK_SECRET_ENCRYPTION_KEYS_OLD: oldEncryptionKeys.default([]),
  /** `true` lets webhooks use http: and reach loopback/private addresses: for local runs and tests only. */
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: flag.default(false),
};

export type PartnersConfig = { [K in keyof typeof partnersConfigShape]: z.output<(typeof partnersConfigShape)[K]> };
