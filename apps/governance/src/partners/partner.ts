import type { CustomerUpdatedEvent, PartnerEventType, PartnerUpdate } from '@c360/contracts';
import type { CurrentConsent, Purpose } from '../domain/consent';

/**
 * What a partner may be sent about a customer, beyond what identifies each event (partner-events.ts):
 * merged ids and the last touchpoint of a customer.updated, the step a journey was left at, and
 * scores (a drop-off's risk, the band a prediction left, sentiment trends).
 */
export const PARTNER_FIELDS = ['merged_customer_ids', 'last_touchpoint', 'journey_step', 'scores'] as const;
export type PartnerField = (typeof PARTNER_FIELDS)[number];

export interface PartnerSecret {
  /** The whsec_<base64> Standard Webhooks secret, sealed (secret-cipher.ts): opened only to sign a delivery. */
  sealed: string;
  createdAt: Date;
  /** Set when rotated out: still signs until then, so the partner can switch over. */
  expiresAt: Date | null;
}

/** A partner as every read path sees it: no secrets, not even sealed ones. */
export interface PartnerProfile {
  id: string;
  name: string;
  purposes: Purpose[];
  fields: PartnerField[];
  webhookUrl: string | null;
  /** The events it receives; customer.updated only for partners registered before it could choose. */
  events: PartnerEventType[];
  /** Deliveries in flight at once to this partner's endpoint. */
  concurrency: number;
  createdAt: Date;
}

export interface Partner extends PartnerProfile {
  secrets: PartnerSecret[];
}

/**
 * A partner is sent an update only when the customer's consent grants every purpose it was
 * registered for, on every channel recorded; anything else (a denial, a withdrawal, a default
 * of denied, no answer) sends nothing.
 */
export function consentAllows(consents: readonly CurrentConsent[], purposes: readonly Purpose[]): boolean {
  if (purposes.length === 0) return false;
  return purposes.every((purpose) => {
    const entries = consents.filter((c) => c.purpose === purpose);
    return entries.length > 0 && entries.every((c) => c.status === 'granted');
  });
}

/** Data minimisation: only the fields the partner was registered for leave c360. */
export function partnerUpdate(event: CustomerUpdatedEvent, fields: readonly PartnerField[]): PartnerUpdate {
  const update: PartnerUpdate = { type: 'customer.updated', customerId: event.customerId, version: event.version, updatedAt: event.updatedAt };
  if (fields.includes('merged_customer_ids')) update.mergedCustomerIds = event.mergedCustomerIds;
  if (fields.includes('last_touchpoint')) {
    update.lastTouchpoint = event.touchpoint ? { channel: event.touchpoint.channel, occurredAt: event.touchpoint.occurredAt } : null;
  }
  return update;
}

/** Secrets (sealed) that still sign: the current one and any rotated out less than their overlap ago. */
export function signingSecrets(partner: Pick<Partner, 'secrets'>, now: Date): string[] {
  return partner.secrets.filter((s) => !s.expiresAt || s.expiresAt > now).map((s) => s.sealed);
}

/** What may change on a registered partner without registering it again: what it is sent. */
export interface PartnerSubscriptionChange {
  events?: PartnerEventType[];
  fields?: PartnerField[];
}

/**
 * Reads a change of a partner's events and fields: at least one of them, events never none (a
 * partner sent nothing would still hold its lane and its consent checks), duplicates dropped.
 * Returns the change, or why it is refused.
 */
export function subscriptionChangeFrom(input: {
  events?: readonly PartnerEventType[] | null;
  fields?: readonly PartnerField[] | null;
}): PartnerSubscriptionChange | { problem: string } {
  const change: PartnerSubscriptionChange = {};
  if (input.events != null) {
    if (input.events.length === 0) return { problem: 'events: at least one' };
    change.events = [...new Set(input.events)];
  }
  if (input.fields != null) change.fields = [...new Set(input.fields)];
  if (!change.events && !change.fields) return { problem: 'nothing to change: give events, fields or both' };
  return change;
}
