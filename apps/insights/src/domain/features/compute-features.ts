import { channelFamilyOf, PROFILE_TRAITS, TRAITS_IMPORTED_EVENT, type Channel, type ModelAttributes } from '@c360/contracts';
import { DEFAULT_SOURCE_TRUST, survivorshipOrder, type SourceTrust } from '@c360/identifiers';
import {
  DEFAULT_FUNNEL_STEPS,
  DEFAULT_PURCHASE_EVENTS,
  SESSION_GAP_MS,
  SUPPORT_CHANNELS,
  TRAIT_PREFIX,
  WINDOWS_DAYS,
  FEATURE_DEFINITIONS,
  GOLDEN_PREFIX,
} from './feature-definitions';

/** One touchpoint as the feature store keeps it: no identifiers, no text. */
export interface TouchFactRecord {
  messageId: string;
  occurredAt: Date;
  channel: Channel;
  type?: string;
  eventKey?: string;
  amount?: number;
}

/** Attributes a touchpoint reported about the customer, at its time. */
export interface AttributeRecord {
  at: Date;
  attributes: ModelAttributes;
}

/** The non-identifying person traits one touchpoint reported (gender, locality, region, country), with its source. */
export interface ProfileRecord {
  at: Date;
  source: string;
  traits: Partial<Record<(typeof PROFILE_TRAITS)[number], string>>;
}

/** A sentiment score (-1 to 1) of one text, at its time. */
export interface SentimentRecord {
  at: Date;
  score: number;
}

export type FeatureValue = number | string | null;
export type FeatureVector = Record<string, FeatureValue>;

export interface FeatureFacts {
  touches: readonly TouchFactRecord[];
  attributes: readonly AttributeRecord[];
  sentiments: readonly SentimentRecord[];
  /** Absent where none were kept (facts from before profiles were carried). */
  profiles?: readonly ProfileRecord[];
}

export interface FeatureOptions {
  purchaseEvents?: readonly string[];
  funnelSteps?: readonly string[];
  /** How golden-record traits rank sources: identity-graph's SOURCE_TRUST (one policy, libs/identifiers). */
  sourceTrust?: SourceTrust;
}

const DAY = 86_400_000;
const days = (ms: number) => ms / DAY;
const round = (x: number) => Math.round(x * 1000) / 1000;
const mean = (xs: readonly number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);

/**
 * Every facts-only feature as of `asOf`. Facts after asOf are ignored here as well as by the store's
 * as-of reads, so a training row can never see the future however it was read.
 */
export function computeFeatures(facts: FeatureFacts, asOf: Date, options: FeatureOptions = {}): FeatureVector {
  const now = asOf.getTime();
  // An imported CRM row says who someone is, not what they did: its traits count, its touchpoint does not.
  const touches = facts.touches
    .filter((t) => t.occurredAt.getTime() <= now && t.eventKey !== TRAITS_IMPORTED_EVENT)
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const within = (d: number) => touches.filter((t) => now - t.occurredAt.getTime() < d * DAY);
  const purchaseKeys = new Set(options.purchaseEvents ?? DEFAULT_PURCHASE_EVENTS);
  const purchases = touches.filter((t) => purchaseKeys.has(t.eventKey ?? '') || t.type === 'purchase');
  const v: FeatureVector = Object.fromEntries(FEATURE_DEFINITIONS.map((d) => [d.name, d.kind === 'numeric' ? 0 : null]));

  const first = touches[0];
  const last = touches.at(-1);
  v['recency_days'] = last ? round(days(now - last.occurredAt.getTime())) : null;
  v['tenure_days'] = first ? round(days(now - first.occurredAt.getTime())) : null;
  v['frequency_total'] = touches.length;
  v['frequency_90d'] = within(90).length;
  v['active_days_30d'] = new Set(within(30).map((t) => Math.floor(t.occurredAt.getTime() / DAY))).size;
  for (const d of WINDOWS_DAYS) {
    for (const t of within(d)) {
      const [c, fam] = [`touches_${d}d_channel_${t.channel}`, `touches_${d}d_family_${channelFamilyOf(t.channel)}`];
      v[c] = (v[c] as number) + 1;
      v[fam] = (v[fam] as number) + 1;
    }
  }
  Object.assign(v, purchaseFeatures(purchases, now));
  Object.assign(v, sessionFeatures(touches, now));
  v['funnel_progress'] = funnelProgress(within(90), options.funnelSteps ?? DEFAULT_FUNNEL_STEPS);
  v['journey_stage'] = journeyStage(touches, purchaseKeys);
  const support = (d: number) => within(d).filter((t) => (SUPPORT_CHANNELS as readonly string[]).includes(t.channel) || t.type === 'contact').length;
  v['support_contacts_30d'] = support(30);
  v['support_contacts_90d'] = support(90);
  Object.assign(v, sentimentFeatures(facts.sentiments, now));
  Object.assign(v, traitFeatures(facts.attributes, now));
  Object.assign(v, goldenFeatures(facts.profiles ?? [], now, options.sourceTrust ?? DEFAULT_SOURCE_TRUST));
  return v;
}

/**
 * The golden record's profile traits as they stood at asOf: each from the most trusted source that
 * reported it by then, the most recent breaking ties (identity-graph's survivorship, on observations
 * up to asOf only, so a training row never sees a later or better-sourced value).
 */
function goldenFeatures(profiles: readonly ProfileRecord[], now: number, trust: SourceTrust): FeatureVector {
  const seen = profiles.filter((p) => p.at.getTime() <= now).map((p) => ({ ...p, observedAt: p.at }));
  const order = survivorshipOrder(trust);
  return Object.fromEntries(
    PROFILE_TRAITS.map((name) => {
      const best = seen.filter((p) => p.traits[name]).sort(order)[0];
      return [`${GOLDEN_PREFIX}${name}`, best?.traits[name]?.trim().toLowerCase() ?? null];
    }),
  );
}

function purchaseFeatures(purchases: readonly TouchFactRecord[], now: number): FeatureVector {
  const amounts = purchases.flatMap((p) => (p.amount === undefined ? [] : [p.amount]));
  const recent = purchases.filter((p) => now - p.occurredAt.getTime() < 90 * DAY);
  // BG/NBD counts purchase days, not orders: several orders on one day are one purchase.
  const byDay = new Map<number, number>();
  for (const p of purchases) {
    const day = Math.floor(p.occurredAt.getTime() / DAY);
    byDay.set(day, (byDay.get(day) ?? 0) + (p.amount ?? 0));
  }
  const dayValues = [...byDay.entries()].sort((a, b) => a[0] - b[0]);
  const [firstP, lastP] = [purchases[0], purchases.at(-1)];
  return {
    monetary_total: round(amounts.reduce((a, b) => a + b, 0)),
    monetary_90d: round(recent.reduce((a, p) => a + (p.amount ?? 0), 0)),
    purchases_total: purchases.length,
    purchases_90d: recent.length,
    avg_order_value: amounts.length ? round(mean(amounts) as number) : null,
    days_since_last_purchase: lastP ? round(days(now - lastP.occurredAt.getTime())) : null,
    repeat_purchase_days: Math.max(0, dayValues.length - 1),
    purchase_span_days: firstP && lastP ? Math.floor(lastP.occurredAt.getTime() / DAY) - Math.floor(firstP.occurredAt.getTime() / DAY) : 0,
    purchase_age_days: firstP ? round(days(now) - Math.floor(firstP.occurredAt.getTime() / DAY)) : null,
    mean_repeat_value: dayValues.length > 1 ? round(mean(dayValues.slice(1).map(([, value]) => value)) as number) : null,
  };
}

function sessionFeatures(touches: readonly TouchFactRecord[], now: number): FeatureVector {
  const starts: { at: number; count: number }[] = [];
  const open = new Map<string, { last: number; index: number }>();
  for (const t of touches) {
    const family = channelFamilyOf(t.channel);
    const at = t.occurredAt.getTime();
    const current = open.get(family);
    if (current && at - current.last <= SESSION_GAP_MS) {
      current.last = at;
      (starts[current.index] as { count: number }).count += 1;
    } else {
      open.set(family, { last: at, index: starts.length });
      starts.push({ at, count: 1 });
    }
  }
  const since = (d: number) => starts.filter((s) => now - s.at < d * DAY);
  const recent = since(90);
  return {
    sessions_30d: since(30).length,
    sessions_90d: recent.length,
    touches_per_session_90d: recent.length ? round(recent.reduce((a, s) => a + s.count, 0) / recent.length) : null,
  };
}

function funnelProgress(touches: readonly TouchFactRecord[], steps: readonly string[]): number {
  let reached = 0;
  for (const t of touches) if (t.eventKey === steps[reached]) reached += 1;
  return steps.length ? round(reached / steps.length) : 0;
}

/** The most advanced stage the events support, by the same ladder as touchpoint-store's default rules. */
function journeyStage(touches: readonly TouchFactRecord[], purchaseKeys: ReadonlySet<string>): string | null {
  if (touches.length === 0) return null;
  const keys = touches.map((t) => t.eventKey ?? t.type ?? '');
  const has = (names: readonly string[]) => keys.some((k) => names.includes(k));
  if (has(['Review Written', 'Referral Sent'])) return 'advocacy';
  if (keys.filter((k) => purchaseKeys.has(k)).length >= 2) return 'retention';
  if (has([...purchaseKeys, 'Checkout Started', 'Product Added', 'meeting', 'Quote Requested'])) return 'decision';
  if (has(['Product Viewed', 'Signed Up', 'visit', 'attendance', 'contact', 'response', 'Email Clicked'])) return 'consideration';
  return 'awareness';
}

function sentimentFeatures(sentiments: readonly SentimentRecord[], now: number): FeatureVector {
  const inRange = (fromDays: number, toDays: number) =>
    sentiments.filter((s) => now - s.at.getTime() >= fromDays * DAY && now - s.at.getTime() < toDays * DAY && s.at.getTime() <= now).map((s) => s.score);
  const [recent, before] = [mean(inRange(0, 30)), mean(inRange(30, 90))];
  return {
    sentiment_30d: recent === null ? null : round(recent),
    sentiment_trend: recent === null || before === null ? null : round(recent - before),
  };
}

/** Each attribute's latest value reported at or before asOf; numeric text (" 29.85") is read as a number. */
function traitFeatures(records: readonly AttributeRecord[], now: number): FeatureVector {
  const out: FeatureVector = {};
  const ordered = records.filter((r) => r.at.getTime() <= now).sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const r of ordered) {
    for (const [name, value] of Object.entries(r.attributes)) {
      const text = typeof value === 'string' ? value.trim() : null;
      const numeric = typeof value === 'number' ? value : text !== null && text !== '' && Number.isFinite(Number(text)) ? Number(text) : null;
      out[`${TRAIT_PREFIX}${name}`] = numeric ?? (typeof value === 'boolean' ? String(value) : text);
    }
  }
  return out;
}
