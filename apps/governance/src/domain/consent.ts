import type { Channel } from '@c360/contracts';

/** `marketing` is recorded per channel (direct marketing on that channel: what next-best-action decisions and interventions ask). */
export const PURPOSES = ['analytics', 'personalisation', 'profiling', 'marketing', 'email_marketing', 'sms_marketing', 'third_party_sharing'] as const;
export type Purpose = (typeof PURPOSES)[number];
export const CONSENT_STATUSES = ['granted', 'denied', 'withdrawn'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

/** One entry of the append-only ledger. */
export interface ConsentEntry {
  purpose: Purpose;
  /** null: the consent covers every channel. */
  channel: Channel | null;
  status: ConsentStatus;
  source: string;
  lawfulBasis: string | null;
  policyVersion: string | null;
  recordedAt: Date;
}

export interface CurrentConsent extends Omit<ConsentEntry, 'recordedAt'> {
  recordedAt: Date | null;
  isDefault: boolean;
}

/**
 * The consent in force per purpose and channel: the latest ledger entry wins; a purpose with no
 * entry at all shows its configured default, so the answer to "may we?" is never missing.
 */
export function currentConsents(entries: readonly ConsentEntry[], grantedByDefault: ReadonlySet<Purpose>): CurrentConsent[] {
  const latest = new Map<string, ConsentEntry>();
  for (const entry of [...entries].sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime())) {
    latest.set(`${entry.purpose}|${entry.channel ?? '*'}`, entry);
  }
  return PURPOSES.flatMap((purpose) => {
    const recorded = [...latest.values()]
      .filter((e) => e.purpose === purpose)
      .sort((a, b) => (a.channel ?? '').localeCompare(b.channel ?? ''))
      .map((e): CurrentConsent => ({ ...e, isDefault: false }));
    if (recorded.length > 0) return recorded;
    const status: ConsentStatus = grantedByDefault.has(purpose) ? 'granted' : 'denied';
    return [{ purpose, channel: null, status, source: 'default', lawfulBasis: null, policyVersion: null, recordedAt: null, isDefault: true }];
  });
}
