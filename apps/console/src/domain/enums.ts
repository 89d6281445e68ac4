// The schema's enum values the forms offer; the generated types check them against the supergraph.
import type { Channel, ConsentPurpose, IdentifierType, PartnerEventType, PartnerField } from '../__generated__/graphql';

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
export const CHANNELS: Channel[] = ['WEB', 'APP', 'EMAIL', 'SOCIAL', 'ADS', 'CALL_CENTER', 'STORE', 'EVENT', 'DIRECT_MAIL', 'ADVISOR', 'CHAT'];
export const PURPOSES: ConsentPurpose[] = ['ANALYTICS', 'PERSONALISATION', 'PROFILING', 'EMAIL_MARKETING', 'SMS_MARKETING', 'THIRD_PARTY_SHARING'];
export const PARTNER_FIELDS: PartnerField[] = ['MERGED_CUSTOMER_IDS', 'LAST_TOUCHPOINT', 'JOURNEY_STEP', 'SCORES'];
export const PARTNER_EVENT_TYPES: PartnerEventType[] = ['CUSTOMER_UPDATED', 'JOURNEY_DROPOFF', 'PREDICTION_BAND_CHANGED', 'SENTIMENT_TURNED'];

/**
 * Channel icons as lettered badges, each with its own colour (white text, contrast above 4.5:1): they
 * need no icon or emoji font, and the channel's name is always written beside them.
 */
export const CHANNEL_ICON: Record<Channel, { glyph: string; colour: string }> = {
  WEB: { glyph: 'W', colour: '#1e40af' },
  APP: { glyph: 'A', colour: '#5b21b6' },
  EMAIL: { glyph: '@', colour: '#115e59' },
  SOCIAL: { glyph: 'S', colour: '#9d174d' },
  ADS: { glyph: 'Ad', colour: '#92400e' },
  CALL_CENTER: { glyph: 'C', colour: '#991b1b' },
  STORE: { glyph: 'St', colour: '#166534' },
  EVENT: { glyph: 'Ev', colour: '#3730a3' },
  DIRECT_MAIL: { glyph: 'M', colour: '#7c2d12' },
  ADVISOR: { glyph: 'Av', colour: '#1f2937' },
  CHAT: { glyph: 'Ch', colour: '#155e75' },
};
