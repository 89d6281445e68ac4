import { z } from 'zod';
import type { ChannelSpec, ContentChannel, ContentPurpose, VariantParts } from './content-channels';
import type { GroundingFact } from './grounding';

/** Bumped whenever the system prompt, the request layout or the output format changes; stored with every draft. */
export const PROMPT_VERSION = 'content-v1';

/** Fixed for every request, so the provider can cache it together with the brand guide. */
export const SYSTEM_PROMPT = [
  'You write marketing and service copy for one customer of our brand, for a human marketer to review.',
  'Rules you must follow:',
  '- Ground every statement in the facts given. Do not invent products, events, prices, discounts, deadlines or promises.',
  '- Mention a price, discount, free item, gift, guarantee or promise only when the brief or the listed offers state it, in the same terms.',
  "- You never know the customer's name or contact details. Where a placeholder such as {{first_name}} is offered you may use it; never write a name, email address, phone number or card number yourself.",
  '- Respect every length limit exactly; SMS must fit one message.',
  '- Be warm and clear, never pushy: no pressure phrases, no words in capitals, at most one exclamation mark, no emoji.',
  '- Each variant takes a different angle, so a test can tell which works better.',
  'Answer with JSON only, no prose around it: {"variants":[{...}]} where each variant has exactly the parts requested.',
].join('\n');

export const DEFAULT_BRAND_GUIDE = [
  'Brand voice: friendly, plain-spoken and helpful. Short sentences. Address the reader as "you" and the brand as "we".',
  'Prefer concrete next steps over superlatives. Sign emails "The team".',
].join('\n');

export interface WriterRequest {
  channel: ContentChannel;
  purpose: ContentPurpose;
  brief: string;
  variants: number;
  spec: ChannelSpec;
  facts: GroundingFact[];
  placeholders: string[];
  /** Offer texts from the action catalogue the copy may use. */
  offers: string[];
  /** Why earlier answers were refused, oldest first; empty on the first attempt. */
  feedback: string[];
}

function limitsLine(spec: ChannelSpec, channel: ContentChannel): string {
  return spec.parts
    .map((part) =>
      channel === 'sms' && part === 'body'
        ? 'body: one SMS (160 plain GSM characters, or 70 if any other character is used)'
        : `${part}: at most ${spec.limits[part]} characters`,
    )
    .join('; ');
}

/** The per-customer part of a request: the only place grounding facts appear. */
export function userMessage(req: WriterRequest): string {
  const lines = [
    `Channel: ${req.channel} (${req.spec.style}).`,
    `Purpose: ${req.purpose}.`,
    `Write ${req.variants} variant(s). Parts per variant: ${req.spec.parts.join(', ')}. Limits: ${limitsLine(req.spec, req.channel)}.`,
    `Brief from the marketer: ${req.brief}`,
    'Facts about this customer:',
    ...(req.facts.length ? req.facts.map((f) => `- ${f.key}: ${f.value}`) : ['- (none: write without personal references)']),
    `Offers you may mention: ${req.offers.length ? req.offers.join('; ') : 'none beyond the brief'}.`,
    `Placeholders you may use: ${req.placeholders.length ? req.placeholders.map((p) => `{{${p}}}`).join(', ') : 'none'}.`,
  ];
  if (req.feedback.length) lines.push('Your previous answer was refused. Fix exactly this and keep the rest:', ...req.feedback.map((f) => `- ${f}`));
  return lines.join('\n');
}

const variantSchema = z.object({
  subject: z.string().optional(),
  headline: z.string().optional(),
  body: z.string(),
  callToAction: z.string().optional(),
});
const answerSchema = z.object({ variants: z.array(variantSchema).min(1) });

/** Reads the writer's JSON answer, tolerating a fenced code block around it; null when it is not the asked-for shape. */
export function parseWriterAnswer(text: string): VariantParts[] | null {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return null;
  try {
    const parsed = answerSchema.safeParse(JSON.parse(text.slice(start, end + 1)));
    if (!parsed.success) return null;
    return parsed.data.variants.map((v) => Object.fromEntries(Object.entries(v).filter(([, value]) => value !== undefined)) as unknown as VariantParts);
  } catch {
    return null;
  }
}
