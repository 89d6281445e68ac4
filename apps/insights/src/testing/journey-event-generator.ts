import { seededRandom } from '../domain/seeded-random';
import { DAY_MS, type JourneyEvent } from '../domain/journey-alerts/journey-sessions';

/** The shop funnel the generator walks; each step continues to the next with its probability. */
export const FUNNEL = ['page_view', 'view_item', 'add_to_cart', 'begin_checkout', 'add_payment_info', 'purchase'] as const;
const CONTINUE = [0.7, 0.4, 0.6, 0.75, 0.8];
const PLATFORMS = ['web', 'ios', 'android'];
const CHANNELS = ['search', 'social', 'email', 'direct'];
/** Monday to Sunday traffic: weekends are quieter. */
const WEEKDAY_TRAFFIC = [1, 1.05, 1, 1.1, 0.95, 0.7, 0.65];

/** Where and when each planted incident happens (day numbers count from the first day, 0-based). */
export const PLANTED = {
  /** A burst of visitors from social who look and leave: page_view and view_item, never a cart. */
  spike: { from: 30, to: 31, channel: 'social', extraShare: 2.5 },
  /** A bug on android sends checkout back to the cart. */
  loop: { from: 40, to: 61, platform: 'android', back: 0.6 },
  /** Payment failures halve add_payment_info → purchase. */
  payment: { from: 50, to: 54, factor: 0.5 },
  /** New visitors check out far less than returning ones, all along. */
  newVisitors: { checkoutFactor: 0.4 },
} as const;

function itemAt<T>(xs: readonly T[], i: number): T {
  const x = xs[i];
  if (x === undefined) throw new RangeError(`no item ${i}`);
  return x;
}

export interface GeneratorOptions {
  days?: number;
  sessionsPerDay?: number;
  seed?: number;
  incidents?: boolean;
  /** Monday, so the weekday pattern lines up: 2026-01-05. */
  start?: number;
}

/**
 * A seeded web-shop event log (user, time, event, session, platform, channel) with the PLANTED
 * incidents, or none of them. The detectors are told nothing of this: they get the log.
 */
export function generateJourneyEvents(options: GeneratorOptions = {}): JourneyEvent[] {
  const days = options.days ?? 70;
  const perDay = options.sessionsPerDay ?? 600;
  const incidents = options.incidents ?? true;
  const start = options.start ?? Date.UTC(2026, 0, 5);
  const random = seededRandom(options.seed ?? 1);
  const pick = <T>(xs: readonly T[]) => itemAt(xs, Math.floor(random() * xs.length));
  const users: { id: string; platform: string; channel: string }[] = [];
  const events: JourneyEvent[] = [];
  let sessionNo = 0;

  const session = (day: number, user: { id: string; platform: string; channel: string }, isNew: boolean, browseOnly: boolean) => {
    const id = `s${sessionNo++}`;
    let t = start + day * DAY_MS + Math.floor(random() * (DAY_MS - 3_600_000));
    const emit = (event: string) => {
      events.push({ user: user.id, time: t, event, session: id, segments: { platform: user.platform, channel: user.channel } });
      t += 20_000 + Math.floor(random() * 90_000);
    };
    emit(FUNNEL[0]);
    for (let step = 1; step < FUNNEL.length; step++) {
      let p = itemAt(CONTINUE, step - 1);
      if (browseOnly && step >= 2) p = 0;
      if (incidents && isNew && step === 3) p *= PLANTED.newVisitors.checkoutFactor;
      if (incidents && step === 5 && day >= PLANTED.payment.from && day <= PLANTED.payment.to) p *= PLANTED.payment.factor;
      if (random() >= p) return;
      emit(itemAt(FUNNEL, step));
      const buggy = incidents && step === 3 && user.platform === PLANTED.loop.platform && day >= PLANTED.loop.from && day <= PLANTED.loop.to;
      // Ordinary visitors go back to the cart now and then; the bug sends most of android's there.
      if (random() < (buggy ? PLANTED.loop.back : 0.02)) {
        emit('add_to_cart');
        emit('begin_checkout');
      }
    }
  };

  for (let day = 0; day < days; day++) {
    const sessions = Math.round(perDay * itemAt(WEEKDAY_TRAFFIC, day % 7) * (0.9 + 0.2 * random()));
    for (let i = 0; i < sessions; i++) {
      // About a third of sessions come from new visitors; the rest from those seen before.
      if (users.length < 50 || random() < 0.3) {
        const user = { id: `u${users.length}`, platform: pick(PLATFORMS), channel: pick(CHANNELS) };
        users.push(user);
        session(day, user, true, false);
      } else session(day, pick(users), false, false);
    }
    if (incidents && day >= PLANTED.spike.from && day <= PLANTED.spike.to) {
      for (let i = 0; i < sessions * PLANTED.spike.extraShare * 0.3; i++) {
        // Visitors of the burst never come back: they are not added to the returning pool.
        session(day, { id: `b${day}-${i}`, platform: pick(PLATFORMS), channel: PLANTED.spike.channel }, true, true);
      }
    }
  }
  return events;
}
