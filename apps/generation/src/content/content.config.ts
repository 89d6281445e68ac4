import { z } from 'zod';
import { CONTENT_CHANNELS, CONTENT_PURPOSES, type ContentChannel } from '../domain/content/content-channels';
import { DEFAULT_BANNED_PHRASES, DEFAULT_TONE } from '../domain/content/output-checks';
import { ACTION_ID } from '../domain/content/content-arms';
import { DEFAULT_RECOVERY_ACTIONS, ruleProblem } from '../domain/content/recovery-action';
import { DEFAULT_BRAND_GUIDE } from '../domain/content/prompt';

const int = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);
const url = (port: number) => z.url({ protocol: /^https?$/ }).default(`http://127.0.0.1:${port}/graphql`);
const list = (fallback: readonly string[]) =>
  z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    // zod 4 takes a default as the parsed value.
    .default([...fallback]);
const json = <T extends z.ZodType>(schema: T, fallback: z.output<T>) =>
  z
    .string()
    .transform((v, ctx) => {
      try {
        return JSON.parse(v) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema)
    .default(fallback as never);

const consentRule = z.object({ purpose: z.string().min(1), channel: z.string().min(1).nullable() });
const DEFAULT_MARKETING_CONSENT: Record<ContentChannel, z.infer<typeof consentRule>> = {
  email: { purpose: 'email_marketing', channel: 'email' },
  sms: { purpose: 'sms_marketing', channel: 'sms' },
  // governance lists no push or banner marketing purpose today: personalisation on the channel stands in.
  push: { purpose: 'personalisation', channel: 'app' },
  web_banner: { purpose: 'personalisation', channel: 'web' },
  call_script: { purpose: 'personalisation', channel: 'call_center' },
};
const channelEnum = z.enum(CONTENT_CHANNELS);
const recoveryActionRule = z
  .object({
    trigger: z.enum(['journey.dropoff', 'prediction.band_changed', 'customer.sentiment-turned']),
    match: z.string().min(1).default('*'),
    actionId: z.string().nullable(),
    channels: z.array(channelEnum).default([]),
  })
  .superRefine((rule, ctx) => {
    const problem = ruleProblem(rule);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
const pricing = z.object({ input: z.number().min(0), output: z.number().min(0), cacheWrite: z.number().min(0), cacheRead: z.number().min(0) });

/** The content module's settings, merged into generation's config schema. */
export const contentConfigShape = {
  /** Where the grounding facts come from: the owners' subgraphs, asked with the caller's own roles. */
  IDENTITY_GRAPH_URL: url(4001),
  TOUCHPOINT_STORE_URL: url(4002),
  INSIGHTS_URL: url(4003),
  CONTENT_SOURCE_TIMEOUT_MS: int(3_000),
  CONTENT_JOURNEY_LOOKBACK_DAYS: int(90),
  /** Anthropic's API unless set (tests point it at a local Messages-API server). */
  ANTHROPIC_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  ANTHROPIC_TIMEOUT_MS: int(30_000),
  ANTHROPIC_MAX_RETRIES: int(3, 0),
  /** All waits between retries of one call together stay under this. */
  ANTHROPIC_RETRY_BUDGET_MS: int(20_000, 0),
  ANTHROPIC_RETRY_BASE_MS: int(500),
  ANTHROPIC_MAX_TOKENS_PER_VARIANT: int(400),
  /** Requests allowed more output tokens than this are streamed. */
  ANTHROPIC_STREAM_ABOVE_TOKENS: int(1_000, 0),
  /** US dollars per million tokens, for the configured model (defaults: Claude Sonnet 4.5 list prices). */
  ANTHROPIC_PRICING: json(pricing, { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 }),
  /** Tokens per day per content purpose, e.g. {"recovery":200000}; purposes not listed get CONTENT_DAILY_TOKENS_DEFAULT. */
  CONTENT_DAILY_TOKENS: json(z.partialRecord(z.enum(CONTENT_PURPOSES), z.number().int().min(0)), {}),
  CONTENT_DAILY_TOKENS_DEFAULT: int(500_000, 0),
  CONTENT_BRAND_NAME: z.string().min(1).default('c360'),
  CONTENT_BRAND_GUIDE: z.string().min(1).default(DEFAULT_BRAND_GUIDE),
  CONTENT_BANNED_PHRASES: list(DEFAULT_BANNED_PHRASES),
  CONTENT_TONE_MAX_EXCLAMATIONS: int(DEFAULT_TONE.maxExclamations, 0),
  CONTENT_TONE_MAX_EMOJI: int(DEFAULT_TONE.maxEmoji, 0),
  /** Words in capitals that are not shouting (brand names, acronyms). */
  CONTENT_TONE_ALLOWED_CAPITALS: list([]),
  CONTENT_EMAIL_SUBJECT_MAX: int(60),
  CONTENT_PUSH_TITLE_MAX: int(50),
  CONTENT_PUSH_BODY_MAX: int(150),
  CONTENT_MAX_ATTEMPTS: int(3),
  /** `channel:purpose` pairs approved without review, e.g. `call_script:service`; `*` matches any. Empty: everything is reviewed. */
  CONTENT_AUTO_APPROVE: list([]),
  CONTENT_MARKETING_CONSENT: json(z.record(channelEnum, consentRule), DEFAULT_MARKETING_CONSENT),
  CONTENT_RECOVERY_CHANNELS: list(['email', 'push', 'sms']).pipe(z.array(channelEnum)),
  CONTENT_RECOVERY_MIN_SCORE: z.coerce.number().min(0).max(1).default(0.5),
  CONTENT_RECOVERY_BAND_TRIGGERS: list(['churn:high']),
  CONTENT_RECOVERY_AFTER_NEGATIVE_TURN: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  CONTENT_RECOVERY_MAX_PER_WINDOW: int(1),
  CONTENT_RECOVERY_WINDOW_HOURS: int(72),
  /** Which catalogue action each trigger's draft carries when insights does not decide: JSON `[{trigger, match, actionId, channels}]`, first match wins. */
  CONTENT_RECOVERY_ACTIONS: json(
    z.array(recoveryActionRule),
    DEFAULT_RECOVERY_ACTIONS.map((r) => ({ ...r, channels: [...r.channels] })),
  ),
  /** Whether insights' next best action is asked first (its decision, holdout included, wins over the mapping). */
  CONTENT_RECOVERY_ASK_INSIGHTS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** The placement recoveries are decided in; an action listing no placement competes in every one. */
  CONTENT_RECOVERY_PLACEMENT: z.string().regex(ACTION_ID, 'lower-case letters, digits, - and _').default('recovery'),
  /** How often approvals and withdrawals not yet announced to insights' decisions are published again. */
  CONTENT_ARMS_SWEEP_MS: int(30_000, 100),
};

export type ContentConfig = z.output<z.ZodObject<typeof contentConfigShape>> & {
  ANTHROPIC_API_KEY?: string;
  ANTHROPIC_MODEL: string;
  INTERNAL_TOKEN_SECRET: string;
  QUEUE_PREFIX: string;
};
