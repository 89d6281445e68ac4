import type { ContentPurpose, VariantParts } from './content-channels';
import type { WriterRequest } from './prompt';
import { smsLength } from './sms-encoding';

/**
 * The writer used when no model is configured: deterministic copy built from the same minimised
 * request a model would get (facts, placeholders, limits, feedback), so it never sees more than a
 * model would. Variants take different angles; sentences are added in order of relevance while they
 * fit the channel's limits, and a refusal for length makes the next attempt shorter.
 */

const CHANNEL_PHRASES: Record<string, string> = {
  web: 'on our website',
  app: 'in the app',
  email: 'by email',
  social: 'on social media',
  ads: 'through one of our ads',
  call_center: 'with our contact centre',
  store: 'in one of our stores',
  event: 'at one of our events',
  direct_mail: 'by post',
  advisor: 'with an advisor',
};

const fact = (req: WriterRequest, key: string): string | undefined => req.facts.find((f) => f.key === key)?.value;

/** FNV-1a: a stable seed from the request, so the same request gets the same copy. */
function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
const pick = <T>(options: readonly T[], n: number): T => options[n % options.length] as T;

function humanise(name: string): string {
  return name
    .replace(/[_.-]+/g, ' ')
    .trim()
    .toLowerCase();
}

const HOOKS: Record<ContentPurpose, (req: WriterRequest) => string[]> = {
  recovery: (req) => {
    const journey = fact(req, 'dropoff_journey');
    const step = fact(req, 'dropoff_step');
    if (journey && step)
      return [
        `You got as far as ${humanise(step)} in your ${humanise(journey)}, and it is saved for you.`,
        `Your ${humanise(journey)} is waiting at the ${humanise(step)} step.`,
        `Still thinking about your ${humanise(journey)}? You stopped at ${humanise(step)}.`,
      ];
    return ['You left something unfinished with us, and it is saved for you.', 'Pick up right where you stopped.', 'Still thinking it over?'];
  },
  welcome: () => ['Thanks for joining us.', 'Welcome aboard, we are glad you are here.', 'Good to have you with us.'],
  retention: (req) => {
    const segment = fact(req, 'segment');
    return [
      'Thank you for sticking with us.',
      segment ? `As one of our ${humanise(segment)} customers, you matter to us.` : 'You matter to us, and we want to keep getting it right.',
      'We would love to keep helping you.',
    ];
  },
  cross_sell: () => [
    'Here is something that may suit what you have been looking at.',
    'We picked this with your recent visits in mind.',
    'You might like what goes with your last choice.',
  ],
  reactivation: (req) => {
    const since = fact(req, 'last_seen');
    return [since ? `We have missed you since ${since}.` : 'We have missed you.', 'It has been a while.', 'A lot has changed since your last visit.'];
  },
  service: (req) => {
    const channel = fact(req, 'last_channel');
    return [
      channel ? `We are following up on your recent contact through ${channel}.` : 'We are following up on your recent contact.',
      'Thank you for getting in touch.',
      'We want to make sure everything is sorted.',
    ];
  },
};

const ACTIONS: Record<ContentPurpose, readonly string[]> = {
  recovery: ['Pick up where you left off', 'Finish in a minute', 'Take another look'],
  welcome: ['Take a look around', 'Get started', 'See what is new'],
  retention: ['See what is new', 'Check your account', 'Explore more'],
  cross_sell: ['Explore the range', 'See the details', 'Have a look'],
  reactivation: ['Come back and see', 'See what is new', 'Take a look'],
  service: ['Tell us how we did', 'Reply if you need us', 'Get help'],
};

function contextSentences(req: WriterRequest): string[] {
  const sentences: string[] = [];
  const nba = fact(req, 'next_best_action');
  // "action name: offer text" from the catalogue: the offer reads better alone, in its own words.
  const offer = nba?.split(': ').at(-1);
  if (offer) sentences.push(`Good to know: ${offer.replace(/\.$/, '')}.`);
  // recent_events reads "event on channel (day); …", most recent first.
  const recent = /^(.+?) on ([a-z_ ]+?)(?: \(|$)/.exec(fact(req, 'recent_events')?.split(';')[0]?.trim() ?? '');
  if (recent?.[1] && recent[2])
    sentences.push(`Your last step with us was "${humanise(recent[1])}" ${CHANNEL_PHRASES[recent[2].replace(' ', '_')] ?? `on ${recent[2]}`}.`);
  const since = fact(req, 'first_seen');
  if (since && req.purpose !== 'welcome') sentences.push(`You have been with us since ${since}.`);
  return sentences;
}

/** Adds sentences in order while the text fits `limit` (SMS counts encoded units; placeholders at a typical filled length). */
function fit(sentences: readonly string[], limit: number, sms: boolean): string {
  const measure = (text: string) => {
    const filled = text.replace(/\{\{[a-z_]+\}\}/g, 'Alexandrine');
    return sms ? smsLength(filled).units : [...filled].length;
  };
  let text = '';
  for (const sentence of sentences) {
    const next = text ? `${text} ${sentence}` : sentence;
    if (measure(next) <= limit) text = next;
  }
  return text || sentences[0]?.slice(0, Math.max(10, limit - 20)) || '';
}

export function offlineAnswer(req: WriterRequest): VariantParts[] {
  const seed = seedOf([req.channel, req.purpose, req.brief, ...req.facts.map((f) => `${f.key}=${f.value}`)].join('|'));
  const lengthRefusals = req.feedback.filter((f) => /length|characters|units/i.test(f)).length;
  const shrink = 0.85 ** lengthRefusals;
  const named = req.placeholders.includes('first_name');
  return Array.from({ length: req.variants }, (_, i) => {
    // Three choices per slot, turned at different speeds, so up to five variants never repeat.
    const round = Math.floor(i / 3);
    const greeting = named
      ? pick(['Hi {{first_name}},', 'Hello {{first_name}},', '{{first_name}},'], seed + round)
      : pick(['Hi there,', 'Hello,', 'Hi,'], seed + round);
    const hook = pick(HOOKS[req.purpose](req), seed + i);
    const action = pick(ACTIONS[req.purpose], seed + 1 + i + round);
    const context = contextSentences(req);
    const rotated = [...context.slice(i % Math.max(1, context.length)), ...context.slice(0, i % Math.max(1, context.length))];
    const body = (limit: number, parts: string[]) => fit(parts, Math.floor(limit * shrink), req.channel === 'sms');
    switch (req.channel) {
      case 'email':
        return {
          subject: body(req.spec.limits.subject ?? 60, [named ? `{{first_name}}, ${lowerFirst(hook)}` : hook, action]),
          body: [greeting, '', body(req.spec.limits.body - 60, [hook, ...rotated, `${action} whenever it suits you.`]), '', 'The team'].join('\n'),
        };
      case 'sms':
        return { body: body(160, [`${greeting} ${lowerFirst(hook)}`, `${action}.`, ...rotated]) || `${action}.` };
      case 'push':
        return { headline: body(req.spec.limits.headline ?? 50, [action, hook]), body: body(req.spec.limits.body, [hook, ...rotated]) };
      case 'web_banner':
        return {
          headline: body(req.spec.limits.headline ?? 60, [named ? `{{first_name}}, ${action.toLowerCase()}` : action]),
          body: body(req.spec.limits.body, [hook, ...rotated]),
          callToAction: body(req.spec.limits.callToAction ?? 25, [action]),
        };
      case 'call_script':
        return {
          body: [
            `Opening: ${named ? pick(['Hello, am I speaking with {{first_name}}?', 'Good day, is this {{first_name}}?', 'Hello {{first_name}}, do you have a minute?'], seed + round) : pick(['Hello, thank you for taking my call.', 'Good day, do you have a minute?', 'Hello, is now a good time?'], seed + round)} I am calling from the team.`,
            `Reason: ${hook}`,
            ...rotated.map((s) => `Talking point: ${s}`),
            `Close: Would you like me to help you with that now? If not, that is fine, and thank you for your time.`,
          ].join('\n'),
        };
    }
  });
}
