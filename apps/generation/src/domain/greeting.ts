import type { Channel } from '@c360/contracts';
import type { CustomerTraits } from './traits';

const CHANNEL_PHRASES: Record<Channel, string> = {
  web: 'our website',
  app: 'the app',
  email: 'email',
  social: 'social media',
  ads: 'our ads',
  chat: 'a chat with us',
  call_center: 'our contact centre',
  store: 'one of our stores',
  event: 'one of our events',
  direct_mail: 'a letter we sent',
  advisor: 'a meeting with an advisor',
};

function listPhrases(channels: readonly Channel[]): string {
  const phrases = channels.map((c) => CHANNEL_PHRASES[c]);
  return phrases.length <= 1 ? (phrases[0] ?? '') : `${phrases.slice(0, -1).join(', ')} and ${phrases.at(-1)}`;
}

function monthYear(date: Date): string {
  return date.toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** A greeting grounded only in the customer's traits: every clause states something observed. */
export function templateGreeting(traits: CustomerTraits): string {
  const visits = traits.touchCount === 1 ? 'once' : `${traits.touchCount} times`;
  return (
    `Welcome back! Since ${monthYear(traits.firstSeenAt)} we have seen you ${visits}, through ${listPhrases(traits.channels)}. ` +
    `Thank you for your recent contact via ${CHANNEL_PHRASES[traits.lastChannel]}. How can we help you today?`
  );
}

/** The prompt for a language model: the same traits, no personal data, and the rule to invent nothing. */
export function greetingPrompt(traits: CustomerTraits): string {
  return [
    'Write a short, warm greeting (at most two sentences) for a returning customer.',
    'Use only these facts; do not invent names, products or offers:',
    `- first seen: ${monthYear(traits.firstSeenAt)}`,
    `- touchpoints so far: ${traits.touchCount}`,
    `- channels, most recent first: ${traits.channels.map((c) => CHANNEL_PHRASES[c]).join('; ')}`,
    `- most recent contact: ${CHANNEL_PHRASES[traits.lastChannel]} on ${traits.lastSeenAt.toISOString().slice(0, 10)}`,
    'Reply with the greeting only.',
  ].join('\n');
}
