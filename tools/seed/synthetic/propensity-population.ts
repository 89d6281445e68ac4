import type { Channel, TouchpointInput } from '@c360/contracts';
import { SeededRandom } from './random';

const DAY = 86_400_000;

export interface PropensityOptions {
  seed: number;
  customers: number;
  /** Features are read as of this instant; outcomes happen in the horizon after it. */
  cutoff: Date;
  horizonDays: number;
  /** Makes identifiers and messageIds this run's own. */
  tag: string;
  conversionEvent?: string;
}

/** One synthetic person with the probabilities their outcomes were drawn from: the ground truth a model should recover. */
export interface PropensityPerson {
  email: string;
  /** Probability of no activity at all in the horizon. */
  churnProbability: number;
  /** Probability of the conversion event in the horizon (when active). */
  conversionProbability: number;
  churned: boolean;
  converted: boolean;
  touchpoints: TouchpointInput[];
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const DIGITAL: Channel[] = ['web', 'app', 'email'];
const OFFLINE: Channel[] = ['store', 'call_center', 'direct_mail'];

/**
 * A population whose churn and conversion follow known logistic propensities of behaviour a feature
 * store sees (how engaged, how recently, which channels, support contacts, purchases), so a model
 * trained on the ingested touchpoints can be checked against the truth. Before the cutoff each person
 * has sessions whose number and recency follow their engagement; after it, they stay active with
 * 1 − churnProbability and, when active, convert with conversionProbability.
 */
export function propensityPopulation(o: PropensityOptions): PropensityPerson[] {
  const root = new SeededRandom(o.seed);
  const conversionEvent = o.conversionEvent ?? 'Order Completed';
  return Array.from({ length: o.customers }, (_, i) => {
    const r = root.fork(i);
    const email = `p${i}.${o.tag}@example.com`;
    const engagement = r.next();
    const offline = r.chance(0.4);
    const complaints = r.chance(0.25) ? r.int(1, 4) : 0;
    const sessions = 1 + Math.round(engagement * 10);
    const lastDaysBefore = Math.round((1 - engagement) * 90 + r.int(0, 10));
    const churnProbability = sigmoid(1.2 - 3.5 * engagement + 0.5 * complaints + (offline ? 0.6 : -0.2) + lastDaysBefore / 60);
    const conversionProbability = sigmoid(-1.5 + 2.5 * engagement + (offline ? -0.6 : 0.4) - 0.3 * complaints);
    const touchpoints: TouchpointInput[] = [];
    let n = 0;
    const emit = (at: number, channel: Channel, event: string, extra: Partial<TouchpointInput> = {}) =>
      touchpoints.push({
        messageId: `prop-${o.tag}-${i}-${n++}`,
        type: 'track',
        event,
        channel,
        occurredAt: new Date(at).toISOString(),
        identifiers: { email },
        properties: {},
        source: 'synthetic',
        ...extra,
      });
    const cutoff = o.cutoff.getTime();
    for (let s = 0; s < sessions; s++) {
      const daysBefore = s === 0 ? lastDaysBefore : lastDaysBefore + r.int(1, 150);
      const at = cutoff - daysBefore * DAY - r.int(0, 600) * 60_000;
      const channel = r.pick(offline ? OFFLINE : DIGITAL);
      emit(at, channel, channel === 'store' ? 'Store Visited' : 'Product Viewed');
      if (r.chance(0.2 + 0.4 * engagement)) emit(at + 120_000, channel, conversionEvent, { value: { amount: 10 + r.int(0, 200), currency: 'USD' } });
    }
    for (let c = 0; c < complaints; c++) emit(cutoff - r.int(1, 60) * DAY, 'call_center', 'Call Completed', { type: 'contact' });
    const churned = r.chance(churnProbability);
    const converted = !churned && r.chance(conversionProbability);
    if (!churned) {
      const at = cutoff + r.int(1, o.horizonDays - 1) * DAY;
      emit(at, r.pick(offline ? OFFLINE : DIGITAL), 'Product Viewed');
      if (converted) emit(at + 300_000, 'web', conversionEvent, { value: { amount: 10 + r.int(0, 200), currency: 'USD' } });
    }
    return { email, churnProbability, conversionProbability, churned, converted, touchpoints };
  });
}
