import { CHANNEL_FAMILIES, CHANNELS } from '@c360/contracts';

/**
 * The feature set, in one place: every feature insights keeps per customer, what it means, whether a
 * model reads it as a number or a category, and the feature-set version it appeared in. Models record
 * the version they were trained on; a change to any definition's meaning bumps FEATURE_SET_VERSION.
 *
 * Every feature is computed as of an instant (`asOf`) from facts that happened at or before it, so
 * serving (asOf = now) and training (asOf = a cutoff) read the same definitions.
 */
export const FEATURE_SET_VERSION = 2;

export type FeatureKind = 'numeric' | 'categorical';

export interface FeatureDefinition {
  name: string;
  kind: FeatureKind;
  /** What it measures, for the documentation and the model registry. */
  meaning: string;
  /** How a marketer reads it in an explanation ("web visits in the last 30 days"). */
  phrase: string;
  since: number;
}

export const WINDOWS_DAYS = [7, 30, 90] as const;
/** Touchpoints further apart than this, within one channel family, are two sessions. */
export const SESSION_GAP_MS = 30 * 60_000;
/** Touchpoints on these channels or of this type are support contacts. */
export const SUPPORT_CHANNELS = ['call_center'] as const;
/** Event keys (event name, or type for unnamed calls) that count as purchases. */
export const DEFAULT_PURCHASE_EVENTS = ['Order Completed', 'purchase'] as const;
/** The default funnel whose furthest step reached in 90 days is `funnel_progress`. */
export const DEFAULT_FUNNEL_STEPS = ['Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed'] as const;
/** Prefix of features read from model attributes (CRM traits), one per attribute name. */
export const TRAIT_PREFIX = 'trait.';
/** Prefix of the golden record's profile traits (identity's survivorship over what touchpoints reported). */
export const GOLDEN_PREFIX = 'golden.';

const CHANNEL_WORDS: Record<string, string> = {
  web: 'web',
  app: 'app',
  email: 'email',
  social: 'social media',
  ads: 'ads',
  call_center: 'call-centre',
  store: 'store',
  event: 'event',
  direct_mail: 'direct-mail',
  advisor: 'advisor',
  owned_digital: 'website and app',
  messaging: 'email',
  paid_media: 'paid media',
  assisted: 'assisted (call centre, advisor)',
  in_person: 'in-person',
  mail: 'mail',
};

const f = (name: string, kind: FeatureKind, meaning: string, phrase: string): FeatureDefinition => ({ name, kind, meaning, phrase, since: 1 });

const windowed = (scope: 'channel' | 'family', key: string, days: number): FeatureDefinition =>
  f(
    `touches_${days}d_${scope}_${key}`,
    'numeric',
    `Touchpoints on the ${scope} ${key} in the ${days} days before asOf.`,
    `${CHANNEL_WORDS[key] ?? key} interactions in the last ${days} days`,
  );

export const FEATURE_DEFINITIONS: readonly FeatureDefinition[] = [
  f('recency_days', 'numeric', 'Days since the latest touchpoint (missing without one).', 'days since the last interaction'),
  f('frequency_total', 'numeric', 'Touchpoints ever, up to asOf.', 'interactions overall'),
  f('frequency_90d', 'numeric', 'Touchpoints in the 90 days before asOf.', 'interactions in the last 90 days'),
  f('active_days_30d', 'numeric', 'Distinct days with a touchpoint in the 30 days before asOf.', 'active days in the last 30 days'),
  f('tenure_days', 'numeric', 'Days since the first touchpoint.', 'days since first contact'),
  f('monetary_total', 'numeric', 'Sum of purchase amounts, up to asOf.', 'total spend'),
  f('monetary_90d', 'numeric', 'Sum of purchase amounts in the 90 days before asOf.', 'spend in the last 90 days'),
  f('purchases_total', 'numeric', 'Purchases (purchase events), up to asOf.', 'purchases overall'),
  f('purchases_90d', 'numeric', 'Purchases in the 90 days before asOf.', 'purchases in the last 90 days'),
  f('avg_order_value', 'numeric', 'Mean amount of purchases with an amount (missing without one).', 'average order value'),
  f('days_since_last_purchase', 'numeric', 'Days since the latest purchase (missing without one).', 'days since the last purchase'),
  f('repeat_purchase_days', 'numeric', 'Distinct purchase days minus one (BG/NBD frequency x).', 'repeat purchase days'),
  f('purchase_span_days', 'numeric', 'Days from the first to the latest purchase (BG/NBD recency t_x).', 'days between first and latest purchase'),
  f('purchase_age_days', 'numeric', 'Days from the first purchase to asOf (BG/NBD age T; missing without one).', 'days since the first purchase'),
  f('mean_repeat_value', 'numeric', 'Mean amount per purchase day after the first (Gamma-Gamma m; missing without repeats).', 'average repeat spend'),
  f(
    'sessions_30d',
    'numeric',
    `Sessions (per channel family, gap over ${SESSION_GAP_MS / 60_000} minutes) started in the 30 days before asOf.`,
    'sessions in the last 30 days',
  ),
  f('sessions_90d', 'numeric', 'Sessions started in the 90 days before asOf.', 'sessions in the last 90 days'),
  f('touches_per_session_90d', 'numeric', 'Mean touchpoints per session in the 90 days before asOf (missing without one).', 'interactions per session'),
  f(
    'funnel_progress',
    'numeric',
    'Furthest funnel step reached in the 90 days before asOf, as a share of the steps (0 to 1).',
    'progress through the purchase funnel',
  ),
  f('journey_stage', 'categorical', 'awareness, consideration, decision, retention or advocacy, from the events seen up to asOf.', 'journey stage'),
  f('support_contacts_30d', 'numeric', 'Call-centre contacts in the 30 days before asOf.', 'support contacts in the last 30 days'),
  f('support_contacts_90d', 'numeric', 'Call-centre contacts in the 90 days before asOf.', 'support contacts in the last 90 days'),
  f('sentiment_30d', 'numeric', 'Mean sentiment (-1 to 1) of texts in the 30 days before asOf (missing without one).', 'recent sentiment'),
  f('sentiment_trend', 'numeric', 'Mean sentiment of the last 30 days minus that of the 60 days before (missing unless both).', 'change in sentiment'),
  ...(
    [
      ['gender', 'gender'],
      ['locality', 'town or city'],
      ['region', 'region'],
      ['country', 'country'],
    ] as const
  ).map(([name, phrase]) => ({
    ...f(
      `${GOLDEN_PREFIX}${name}`,
      'categorical',
      `The golden record's ${name} as of asOf: from the most trusted source, then the latest (lower-cased).`,
      phrase,
    ),
    since: 2,
  })),
  ...WINDOWS_DAYS.flatMap((d) => CHANNELS.map((c) => windowed('channel', c, d))),
  ...WINDOWS_DAYS.flatMap((d) => CHANNEL_FAMILIES.map((c) => windowed('family', c, d))),
];

const BY_NAME = new Map(FEATURE_DEFINITIONS.map((d) => [d.name, d]));

/** The definition of a feature, trait features included (their kind follows the value seen). */
export function featureDefinition(name: string, kind: FeatureKind = 'numeric'): FeatureDefinition {
  const known = BY_NAME.get(name);
  if (known) return known;
  const trait = name.startsWith(TRAIT_PREFIX) ? name.slice(TRAIT_PREFIX.length) : name;
  return f(name, kind, `The customer's "${trait}" attribute as last reported (CRM or identify traits).`, trait.replace(/[_.-]+/g, ' '));
}
