import { z } from 'zod';

/** Channels a touchpoint can arrive on, grouped by whether a person met the brand on a screen or not. */
export const DIGITAL_CHANNELS = ['web', 'app', 'email', 'social', 'ads'] as const;
export const NON_DIGITAL_CHANNELS = ['call_center', 'store', 'event', 'direct_mail', 'advisor'] as const;
export const CHANNELS = [...DIGITAL_CHANNELS, ...NON_DIGITAL_CHANNELS] as const;

export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;

export function isDigitalChannel(channel: Channel): boolean {
  return (DIGITAL_CHANNELS as readonly string[]).includes(channel);
}

/** GraphQL enum values (CALL_CENTER) mapped to the stored channel names (call_center). */
export const CHANNEL_ENUM_VALUES: Record<string, Channel> = Object.fromEntries(CHANNELS.map((c) => [c.toUpperCase(), c]));
