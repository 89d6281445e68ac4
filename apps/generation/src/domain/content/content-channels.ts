import type { Channel } from '@c360/contracts';

export const CONTENT_CHANNELS = ['email', 'sms', 'push', 'web_banner', 'call_script'] as const;
export type ContentChannel = (typeof CONTENT_CHANNELS)[number];

/** Why the content is written; `service` is not marketing, so it needs no marketing consent for the channel. */
export const CONTENT_PURPOSES = ['welcome', 'recovery', 'retention', 'cross_sell', 'reactivation', 'service'] as const;
export type ContentPurpose = (typeof CONTENT_PURPOSES)[number];

export const VARIANT_PARTS = ['subject', 'headline', 'body', 'callToAction'] as const;
export type VariantPart = (typeof VARIANT_PARTS)[number];

/** One variant of a draft; which parts a channel uses is in CHANNEL_SPECS. */
export interface VariantParts {
  subject?: string;
  headline?: string;
  body: string;
  callToAction?: string;
}

export interface ChannelLimits {
  subject?: number;
  headline?: number;
  /** For SMS the limit is in encoded units (see sms-encoding.ts) and this field is unused. */
  body: number;
  callToAction?: number;
}

export interface ChannelSpec {
  parts: readonly VariantPart[];
  limits: ChannelLimits;
  /** The touchpoint channel consent is asked for (governance records consent per touchpoint channel). */
  consentChannel: Channel | 'sms';
  /** How the writer is told to write for it. */
  style: string;
}

/** Limits a deployment may change (CONTENT_* variables); the rest are fixed by the channel. */
export interface ConfigurableLimits {
  emailSubjectMax: number;
  pushTitleMax: number;
  pushBodyMax: number;
}

export const DEFAULT_LIMITS: ConfigurableLimits = { emailSubjectMax: 60, pushTitleMax: 50, pushBodyMax: 150 };

export function channelSpecs(limits: ConfigurableLimits = DEFAULT_LIMITS): Record<ContentChannel, ChannelSpec> {
  return {
    email: {
      parts: ['subject', 'body'],
      limits: { subject: limits.emailSubjectMax, body: 2_000 },
      consentChannel: 'email',
      style: 'an email: a subject line and a body of two to four short paragraphs, signed by the brand',
    },
    sms: {
      parts: ['body'],
      // 160 GSM-7 characters or 70 UCS-2 ones: measured by smsLength, not by this number.
      limits: { body: 160 },
      consentChannel: 'sms',
      style: 'one SMS: a single short message of one segment, plain characters, no emoji',
    },
    push: {
      parts: ['headline', 'body'],
      limits: { headline: limits.pushTitleMax, body: limits.pushBodyMax },
      consentChannel: 'app',
      style: 'a mobile push notification: a short title (headline) and one sentence of body',
    },
    web_banner: {
      parts: ['headline', 'body', 'callToAction'],
      limits: { headline: 60, body: 140, callToAction: 25 },
      consentChannel: 'web',
      style: 'a web banner: a headline, one supporting sentence and a button label (callToAction)',
    },
    call_script: {
      parts: ['body'],
      limits: { body: 2_500 },
      consentChannel: 'call_center',
      style: 'a call-centre script for an agent: an opening, two or three talking points, and a close that asks permission',
    },
  };
}
