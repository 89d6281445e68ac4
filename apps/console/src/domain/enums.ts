// The schema's enum values the forms offer; the generated types check them against the supergraph.
import type { Channel, ConsentPurpose, IdentifierType, PartnerField } from '../__generated__/graphql';

export const IDENTIFIER_TYPES: IdentifierType[] = [
  'EMAIL',
  'PHONE',
  'CRM_ID',
  'ANONYMOUS_ID',
  'DEVICE_ID',
  'COOKIE_ID',
  'LOYALTY_ID',
  'ACCOUNT_ID',
  'POSTAL_ADDRESS',
];
export const CHANNELS: Channel[] = ['WEB', 'APP', 'EMAIL', 'SOCIAL', 'ADS', 'CALL_CENTER', 'STORE', 'EVENT', 'DIRECT_MAIL', 'ADVISOR'];
export const PURPOSES: ConsentPurpose[] = ['ANALYTICS', 'PERSONALISATION', 'PROFILING', 'EMAIL_MARKETING', 'SMS_MARKETING', 'THIRD_PARTY_SHARING'];
export const PARTNER_FIELDS: PartnerField[] = ['MERGED_CUSTOMER_IDS', 'LAST_TOUCHPOINT'];

/** Text stand-ins so the timeline reads at a glance; the channel name is always beside it for screen readers. */
export const CHANNEL_ICON: Record<Channel, string> = {
  WEB: '🌐',
  APP: '📱',
  EMAIL: '✉️',
  SOCIAL: '💬',
  ADS: '📣',
  CALL_CENTER: '☎️',
  STORE: '🏬',
  EVENT: '🎟️',
  DIRECT_MAIL: '📮',
  ADVISOR: '🧑‍💼',
};
