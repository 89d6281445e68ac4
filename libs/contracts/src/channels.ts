import { z } from 'zod';

/** Channels a touchpoint can arrive on, grouped by whether a person met the brand on a screen or not. */
export const DIGITAL_CHANNELS = ['web', 'app', 'email', 'social', 'ads', 'chat'] as const;
export const NON_DIGITAL_CHANNELS = ['call_center', 'store', 'event', 'direct_mail', 'advisor'] as const;
export const CHANNELS = [...DIGITAL_CHANNELS, ...NON_DIGITAL_CHANNELS] as const;

export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;

export function isDigitalChannel(channel: Channel): boolean {
  return (DIGITAL_CHANNELS as readonly string[]).includes(channel);
}

/** GraphQL enum values (CALL_CENTER) mapped to the stored channel names (call_center). */
export const CHANNEL_ENUM_VALUES: Record<string, Channel> = Object.fromEntries(CHANNELS.map((c) => [c.toUpperCase(), c]));

/**
 * Channel families: channels a person moves between within one sitting. Sessions are cut per family,
 * so a web visit continued in the app is one session, while a call-centre call during it is another.
 */
export const CHANNEL_FAMILIES = ['owned_digital', 'messaging', 'social', 'paid_media', 'assisted', 'in_person', 'mail'] as const;
export type ChannelFamily = (typeof CHANNEL_FAMILIES)[number];

export const CHANNEL_FAMILY: Record<Channel, ChannelFamily> = {
  web: 'owned_digital',
  app: 'owned_digital',
  email: 'messaging',
  social: 'social',
  ads: 'paid_media',
  // A chat with the brand's assistant or an agent is a conversation in writing, like email.
  chat: 'messaging',
  call_center: 'assisted',
  advisor: 'assisted',
  store: 'in_person',
  event: 'in_person',
  direct_mail: 'mail',
};

export function channelFamilyOf(channel: Channel): ChannelFamily {
  return CHANNEL_FAMILY[channel];
}

/** GraphQL enum values (OWNED_DIGITAL) mapped to the family names (owned_digital). */
export const CHANNEL_FAMILY_ENUM_VALUES: Record<string, ChannelFamily> = Object.fromEntries(CHANNEL_FAMILIES.map((f) => [f.toUpperCase(), f]));
