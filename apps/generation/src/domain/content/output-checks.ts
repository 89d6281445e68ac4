import { type ChannelSpec, type VariantParts, VARIANT_PARTS } from './content-channels';
import { placeholdersIn } from './grounding';
import { unsupportedClaims } from './offers';
import { findContactDetails, findNames } from './personal-data';
import { nonGsmCharacters, smsLength } from './sms-encoding';

/** Every check an output goes through before it is stored; the name is what a failure reports. */
export const CONTENT_CHECKS = ['FORMAT', 'CHANNEL_LIMIT', 'SMS_LENGTH', 'PLACEHOLDER', 'PERSONAL_DATA', 'UNGROUNDED_CLAIM', 'BANNED_PHRASE', 'TONE'] as const;
export type ContentCheck = (typeof CONTENT_CHECKS)[number];

export interface CheckFailure {
  check: ContentCheck;
  /** 1-based variant number, 0 for the answer as a whole. */
  variant: number;
  /** Said so that a writer can fix it, and free of the personal data it may have found. */
  reason: string;
}

export interface TonePolicy {
  maxExclamations: number;
  /** Words of four letters or more in capitals, beyond these, read as shouting. */
  allowedCapitals: string[];
  maxEmoji: number;
}

export const DEFAULT_TONE: TonePolicy = { maxExclamations: 1, allowedCapitals: [], maxEmoji: 0 };
export const DEFAULT_BANNED_PHRASES = [
  'act now',
  'last chance',
  'limited time only',
  'once in a lifetime',
  'click here',
  'you have been selected',
  'winner',
  '100%',
];

export interface CheckContext {
  spec: ChannelSpec;
  isSms: boolean;
  /** Placeholders the writer was offered. */
  placeholders: readonly string[];
  /** The customer's own name parts (never sent; found in an output they are a leak or a guess). */
  knownNames: readonly string[];
  /** Texts whose prices, discounts and promises an output may repeat: the brief and catalogue offers. */
  allowedClaimTexts: readonly string[];
  bannedPhrases: readonly string[];
  tone: TonePolicy;
  /** Words that may follow "Hi" without being someone's name (the brand). */
  allowedSalutationWords: readonly string[];
}

function partsOf(variant: VariantParts): [string, string][] {
  return VARIANT_PARTS.flatMap((part) => (variant[part] !== undefined ? [[part, variant[part] ?? ''] as [string, string]] : []));
}

function textOf(variant: VariantParts): string {
  return partsOf(variant)
    .map(([, t]) => t)
    .join('\n');
}

/** Parts missing or empty, and parts the channel does not use. */
export function checkShape(variant: VariantParts, spec: ChannelSpec, n: number): CheckFailure[] {
  const missing = spec.parts.filter((p) => !variant[p]?.trim());
  const extra = partsOf(variant)
    .map(([p]) => p)
    .filter((p) => !(spec.parts as readonly string[]).includes(p));
  if (missing.length === 0 && extra.length === 0) return [];
  return [
    {
      check: 'FORMAT',
      variant: n,
      reason: `needs exactly the parts ${spec.parts.join(', ')}${missing.length ? `; missing ${missing.join(', ')}` : ''}${extra.length ? `; unexpected ${extra.join(', ')}` : ''}`,
    },
  ];
}

/** Checks on the writer's text before placeholders are filled: nothing personal may come from the writer. */
export function checkWriterOutput(variant: VariantParts, ctx: CheckContext, n: number): CheckFailure[] {
  const text = textOf(variant);
  const failures: CheckFailure[] = [];
  const unknown = placeholdersIn(text).filter((p) => !ctx.placeholders.includes(p));
  if (unknown.length > 0)
    failures.push({
      check: 'PLACEHOLDER',
      variant: n,
      reason: `unknown placeholder(s) ${unknown.map((p) => `{{${p}}}`).join(', ')}; allowed: ${ctx.placeholders.map((p) => `{{${p}}}`).join(', ') || 'none'}`,
    });
  const findings = [...findContactDetails(text), ...findNames(text, ctx.knownNames, ctx.allowedSalutationWords)];
  if (findings.length > 0)
    failures.push({
      check: 'PERSONAL_DATA',
      variant: n,
      reason: `contains personal data (${[...new Set(findings.map((f) => f.kind))].join(', ')}); use only the allowed placeholders and never write names, emails, phone or card numbers`,
    });
  return failures;
}

function lengthFailures(variant: VariantParts, ctx: CheckContext, n: number): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const part of ctx.spec.parts) {
    const text = variant[part] ?? '';
    if (ctx.isSms && part === 'body') {
      const sms = smsLength(text);
      if (sms.units > sms.limit) {
        const forced = sms.encoding === 'UCS-2' ? `; characters ${nonGsmCharacters(text).join(' ')} force UCS-2 (70 per message)` : '';
        failures.push({ check: 'SMS_LENGTH', variant: n, reason: `SMS is ${sms.units} ${sms.encoding} units, one message holds ${sms.limit}${forced}` });
      }
      continue;
    }
    const limit = ctx.spec.limits[part];
    if (limit !== undefined && [...text].length > limit)
      failures.push({ check: 'CHANNEL_LIMIT', variant: n, reason: `${part} is ${[...text].length} characters, at most ${limit}` });
  }
  return failures;
}

const EMOJI = /\p{Extended_Pictographic}/gu;

function toneFailures(text: string, tone: TonePolicy, n: number): CheckFailure[] {
  const reasons: string[] = [];
  const exclamations = (text.match(/!/g) ?? []).length;
  if (exclamations > tone.maxExclamations) reasons.push(`${exclamations} exclamation marks (at most ${tone.maxExclamations})`);
  const allowed = new Set(tone.allowedCapitals.map((w) => w.toUpperCase()));
  const shouted = (text.match(/\b[A-Z]{4,}\b/g) ?? []).filter((w) => !allowed.has(w));
  // Counted, not quoted: a word in capitals could be a name, and reasons end up in job logs.
  if (shouted.length > 0) reasons.push(`${shouted.length} word(s) in capitals`);
  const emoji = (text.match(EMOJI) ?? []).length;
  if (emoji > tone.maxEmoji) reasons.push(`${emoji} emoji (at most ${tone.maxEmoji})`);
  return reasons.length ? [{ check: 'TONE', variant: n, reason: `tone: ${reasons.join('; ')}` }] : [];
}

/** Checks on the text as it will be stored and sent (placeholders filled). */
export function checkFinalOutput(variant: VariantParts, ctx: CheckContext, n: number): CheckFailure[] {
  const text = textOf(variant);
  const failures = lengthFailures(variant, ctx, n);
  const claims = unsupportedClaims(text, ctx.allowedClaimTexts);
  if (claims.length > 0)
    failures.push({
      check: 'UNGROUNDED_CLAIM',
      variant: n,
      reason: `makes claims neither the brief nor the action catalogue makes: ${claims.join(', ')}; remove them`,
    });
  const lower = text.toLowerCase();
  const banned = ctx.bannedPhrases.filter((p) => lower.includes(p.toLowerCase()));
  if (banned.length > 0) failures.push({ check: 'BANNED_PHRASE', variant: n, reason: `uses banned phrase(s): ${banned.map((b) => `"${b}"`).join(', ')}` });
  return [...failures, ...toneFailures(text, ctx.tone, n)];
}
