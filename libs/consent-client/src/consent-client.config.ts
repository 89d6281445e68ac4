import { z } from 'zod';

/** Environment of a service that asks governance about consent; spread into the service's config schema. */
export const consentClientConfigSchema = {
  /** governance's base URL (its internal consent endpoint lives there, not behind the gateway). */
  CONSENT_SERVICE_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:4005'),
  /** The longest a cached consent answer is trusted without a consent.changed message. */
  CONSENT_MAX_STALE_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
  /** How long to wait for governance before answering "no". */
  CONSENT_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(2_000),
};
