import type { Channel, TouchpointInput } from '@c360/contracts';
import { makePerson, nationalPhone, typo, type Person } from './people';
import { SeededRandom } from './random';

/** Bumped whenever the generator's output changes, so stored seed sets are told apart. */
export const GENERATOR_VERSION = 2;

export interface SyntheticOptions {
  seed: number;
  /** Stop after this many touchpoints (the last person is cut short); unset: all of `customers`. */
  maxTouchpoints?: number;
  customers: number;
  start?: Date;
  days?: number;
}

export interface SyntheticTouchpoint {
  touchpoint: TouchpointInput;
  /** Ground truth: the person this touchpoint really belongs to. */
  personKey: string;
}

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
// Retail seasonality: a November–December peak, a January lull, quieter summer months.
const MONTH_WEIGHT = [0.7, 0.8, 0.9, 0.95, 1, 0.85, 0.8, 0.85, 1, 1.05, 1.5, 1.7];
const CHANNELS: Channel[] = ['web', 'app', 'email', 'social', 'ads', 'call_center', 'store', 'event', 'direct_mail', 'advisor'];
const REASONS = ['billing', 'delivery', 'returns', 'product question', 'account'];
const OUTCOMES = ['resolved', 'resolved', 'unresolved', 'escalated', 'callback', 'sale'] as const;

type Emit = (t: Omit<TouchpointInput, 'messageId' | 'properties'> & { properties?: Record<string, unknown> }) => void;

/** A session start drawn with seasonality: busier months and, for stores, weekends. */
function sessionTime(random: SeededRandom, start: number, days: number, channel: Channel): number {
  for (;;) {
    const day = random.int(0, days - 1);
    const date = new Date(start + day * DAY);
    const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
    const weekday = channel === 'store' || channel === 'event' ? (weekend ? 1.6 : 0.8) : weekend ? 0.8 : 1;
    if (random.next() * 1.7 * 1.6 < (MONTH_WEIGHT[date.getUTCMonth()] ?? 1) * weekday) {
      return (
        start +
        day * DAY +
        random.weighted([
          [9, 1],
          [12, 2],
          [15, 1],
          [19, 3],
          [21, 2],
        ] as const) *
          60 *
          MIN +
        random.int(0, 59) * MIN
      );
    }
  }
}

/** Offline records: identifiers as clerks and agents type them, some with slips, some missing. */
function offlineIds(random: SeededRandom, p: Person, channel?: Channel): Record<string, string> {
  const ids: Record<string, string> = {};
  if (p.crmId && random.chance(0.7)) ids[channel === 'store' ? 'loyaltyId' : 'crmId'] = p.crmId;
  if (channel === 'direct_mail' && random.chance(0.6))
    ids['postalAddress'] = `${random.chance(0.2) ? typo(random, p.address.street) : p.address.street}, ${p.address.city} ${p.address.postalCode}`;
  if (random.chance(0.5)) ids['email'] = random.chance(0.12) ? typo(random, p.email) : p.email;
  if (random.chance(0.5) || Object.keys(ids).length === 0) ids['phone'] = random.chance(0.5) ? nationalPhone(random, p.phone) : p.phone;
  return ids;
}

function offlineTraits(random: SeededRandom, p: Person): Record<string, unknown> {
  // Trait names as identity resolution reads them (personTraitsSchema in @c360/contracts).
  const traits: Record<string, unknown> = {
    givenName: random.chance(0.1) ? typo(random, p.firstName) : p.firstName,
    familyName: random.chance(0.1) ? typo(random, p.lastName) : p.lastName,
  };
  if (random.chance(0.7)) traits['postcode'] = p.address.postalCode;
  if (random.chance(0.5)) [traits['street'], traits['locality']] = [p.address.street, p.address.city];
  return traits;
}

function shoppingSteps(random: SeededRandom, emit: Emit, channel: 'web' | 'app', ids: Record<string, string>, progress: number, clock: () => string): void {
  for (let i = random.int(0, 3); i > 0; i--)
    emit({ type: 'track', event: 'Product Viewed', channel, occurredAt: clock(), identifiers: ids, properties: { sku: `SKU-${random.int(1, 400)}` } });
  if (!random.chance(0.25 + 0.3 * progress)) return;
  emit({ type: 'track', event: 'Product Added', channel, occurredAt: clock(), identifiers: ids });
  if (!random.chance(0.6)) return;
  emit({ type: 'track', event: 'Checkout Started', channel, occurredAt: clock(), identifiers: ids });
  if (!random.chance(0.7)) return;
  const total = Math.round(random.next() * 30_000) / 100 + 10;
  emit({
    type: 'track',
    event: 'Order Completed',
    channel,
    occurredAt: clock(),
    identifiers: ids,
    properties: { orderId: `O-${random.int(1, 1e9)}`, total },
    value: { amount: total, currency: 'USD' },
  });
  if (random.chance(0.12))
    emit({
      type: 'track',
      event: 'Review Written',
      channel,
      occurredAt: clock(),
      identifiers: ids,
      text: random.pick(['Great fit, fast delivery.', 'Good value but the box was damaged.', 'Would buy again.']),
    });
}

/** One session on one channel; emits its touchpoints in time order. */
function session(random: SeededRandom, p: Person, channel: Channel, at: number, progress: number, state: { signedUp: boolean }, emit: Emit): void {
  let t = at;
  const clock = () => new Date((t += random.int(20, 480) * 1000)).toISOString();
  const cookie = random.pick(p.cookies);
  const webIds = (): Record<string, string> => (state.signedUp && random.chance(0.6) ? { anonymousId: cookie, email: p.email } : { anonymousId: cookie });
  switch (channel) {
    case 'web':
    case 'ads':
    case 'social':
    case 'email': {
      if (channel === 'email') {
        emit({
          type: 'track',
          event: 'Email Opened',
          channel,
          occurredAt: clock(),
          identifiers: { email: p.email },
          properties: { campaignId: `cmp-${random.int(1, 12)}` },
        });
        if (!random.chance(0.35)) return;
        emit({ type: 'track', event: 'Email Clicked', channel, occurredAt: clock(), identifiers: { email: p.email } });
      }
      if (channel === 'ads')
        emit({
          type: 'track',
          event: 'Ad Clicked',
          channel,
          occurredAt: clock(),
          identifiers: { anonymousId: cookie },
          properties: { network: random.pick(['search', 'display']) },
        });
      if (channel === 'social') {
        emit({ type: 'track', event: 'Social Engaged', channel, occurredAt: clock(), identifiers: { anonymousId: cookie } });
        if (!random.chance(0.4)) return;
      }
      for (let i = random.int(1, 3); i > 0; i--)
        emit({
          type: 'page',
          channel: 'web',
          occurredAt: clock(),
          identifiers: webIds(),
          properties: { path: random.pick(['/', '/pricing', '/products', '/help']) },
        });
      if (!state.signedUp && random.chance(0.3)) {
        state.signedUp = true;
        emit({
          type: 'identify',
          event: 'Signed Up',
          channel: 'web',
          occurredAt: clock(),
          identifiers: { anonymousId: cookie, email: p.email },
          traits: { givenName: p.firstName, familyName: p.lastName },
        });
      }
      shoppingSteps(random, emit, 'web', webIds(), progress, clock);
      return;
    }
    case 'app': {
      const deviceId = p.devices.length > 0 ? random.pick(p.devices) : null;
      if (!deviceId) return session(random, p, 'web', at, progress, state, emit);
      const ids: Record<string, string> = state.signedUp ? { deviceId, email: p.email } : { deviceId };
      for (let i = random.int(1, 3); i > 0; i--)
        emit({ type: 'screen', channel, occurredAt: clock(), identifiers: ids, properties: { screen: random.pick(['home', 'catalog', 'account']) } });
      shoppingSteps(random, emit, 'app', ids, progress, clock);
      return;
    }
    case 'call_center': {
      const outcome = random.pick(OUTCOMES);
      emit({
        type: 'contact',
        event: 'Call Completed',
        channel,
        occurredAt: clock(),
        identifiers: offlineIds(random, p),
        traits: offlineTraits(random, p),
        properties: { reason: random.pick(REASONS), outcome, durationSeconds: random.int(60, 1800) },
        text: `Customer called about ${random.pick(REASONS)}; outcome ${outcome}.`,
      });
      return;
    }
    case 'store': {
      const storeId = `store-${random.int(1, 25)}`;
      const ids = offlineIds(random, p, 'store');
      emit({ type: 'visit', event: 'Store Visited', channel, occurredAt: clock(), identifiers: ids, properties: { storeId } });
      if (!random.chance(0.3 + 0.3 * progress)) return;
      const total = Math.round(random.next() * 50_000) / 100 + 5;
      emit({
        type: 'purchase',
        event: 'Order Completed',
        channel,
        occurredAt: clock(),
        identifiers: ids,
        traits: offlineTraits(random, p),
        properties: { storeId, total, currency: 'USD', items: random.int(1, 6) },
        value: { amount: total, currency: 'USD' },
      });
      return;
    }
    case 'event':
      emit({
        type: 'attendance',
        event: 'Event Attended',
        channel,
        occurredAt: clock(),
        identifiers: offlineIds(random, p),
        traits: offlineTraits(random, p),
        properties: { event: random.pick(['Spring launch', 'Autumn meetup', 'Workshop']) },
      });
      return;
    case 'direct_mail':
      emit({
        type: 'response',
        event: 'Mail Responded',
        channel,
        occurredAt: clock(),
        identifiers: offlineIds(random, p, 'direct_mail'),
        traits: offlineTraits(random, p),
        properties: { campaignId: `dm-${random.int(1, 6)}`, responseCode: `R${random.int(100, 999)}` },
      });
      return;
    case 'advisor':
      emit({
        type: 'meeting',
        event: 'Advisor Meeting',
        channel,
        occurredAt: clock(),
        identifiers: offlineIds(random, p),
        properties: { advisorId: `adv-${random.int(1, 40)}`, topic: random.pick(['financing', 'fitting', 'upgrade']), durationMinutes: random.int(15, 90) },
      });
      if (random.chance(0.2)) emit({ type: 'track', event: 'Referral Sent', channel, occurredAt: clock(), identifiers: offlineIds(random, p) });
  }
}

/**
 * Synthetic customers and their journeys across every channel, deterministic from `seed`: the same
 * options give the same touchpoints, in the same order, with the same messageIds. Offline records
 * carry typos and missing identifiers; sessions follow seasonality; shoppers convert with a
 * likelihood that grows along their journey. Touchpoints carry no sentAt: they describe the past,
 * and a sentAt far from the receipt time would read as clock skew.
 */
export function* syntheticTouchpoints(options: SyntheticOptions): Generator<SyntheticTouchpoint> {
  const root = new SeededRandom(options.seed);
  const start = (options.start ?? new Date(Date.UTC(2025, 0, 6))).getTime();
  const days = options.days ?? 364;
  let emitted = 0;
  for (let index = 0; index < options.customers; index++) {
    const random = root.fork(index);
    const person = makePerson(random, options.seed, index);
    const weights = CHANNELS.map((c) => [c, person.preferred.includes(c) ? 4 : 1] as const);
    const sessions = Array.from({ length: 2 + Math.floor(person.engagement * 14) }, () => {
      const channel = random.weighted(weights);
      return { channel, at: sessionTime(random, start, days, channel) };
    }).sort((a, b) => a.at - b.at);
    const batch: TouchpointInput[] = [];
    const state = { signedUp: false };
    const emit: Emit = (t) =>
      batch.push({ ...t, properties: t.properties ?? {}, source: 'synthetic', messageId: `syn-${options.seed}-${index}-${batch.length}` });
    sessions.forEach((s, i) => session(random, person, s.channel, s.at, i / sessions.length, state, emit));
    for (const touchpoint of batch) {
      if (options.maxTouchpoints !== undefined && emitted >= options.maxTouchpoints) return;
      emitted += 1;
      yield { touchpoint, personKey: person.key };
    }
  }
}

/** Customers needed for about `touchpoints` touchpoints (measured average, with headroom). */
export function customersFor(touchpoints: number): number {
  return Math.ceil(touchpoints / 8) + 10;
}
