import { z } from 'zod';

/** governance's internal endpoint answering a customer's consent profile; requires the internal token. */
export const CONSENT_PROFILE_PATH = '/internal/v1/consent-profile';

export const CONSENT_STATUS_VALUES = ['granted', 'denied', 'withdrawn'] as const;

/**
 * The consent in force for one person: every purpose (unrecorded ones at their configured default,
 * channel null) and whether processing is restricted. The contract between governance and the client.
 */
export const consentProfileSchema = z.object({
  customerId: z.string(),
  restricted: z.boolean(),
  consents: z.array(
    z.object({
      purpose: z.string(),
      channel: z.string().nullable(),
      status: z.enum(CONSENT_STATUS_VALUES),
    }),
  ),
});
export type ConsentProfile = z.infer<typeof consentProfileSchema>;

export interface ConsentQuestion {
  customerId: string;
  /** analytics, personalisation, profiling, email_marketing, sms_marketing, third_party_sharing, or a configured one. */
  purpose: string;
  /** Omit for processing not tied to a channel (profiling, say). */
  channel?: string | null;
}

export type ConsentReason = 'granted' | 'denied' | 'withdrawn' | 'restricted' | 'unavailable';

export interface ConsentAnswer {
  allowed: boolean;
  reason: ConsentReason;
}

/**
 * The answer for one purpose and channel: a restriction overrides everything; a consent recorded
 * for the channel beats one covering every channel; a purpose governance does not list is denied.
 */
export function decideConsent(profile: ConsentProfile, purpose: string, channel?: string | null): ConsentAnswer {
  if (profile.restricted) return { allowed: false, reason: 'restricted' };
  const forPurpose = profile.consents.filter((c) => c.purpose === purpose);
  const entry = (channel ? forPurpose.find((c) => c.channel === channel) : undefined) ?? forPurpose.find((c) => c.channel === null);
  if (!entry) return { allowed: false, reason: 'denied' };
  return { allowed: entry.status === 'granted', reason: entry.status };
}
