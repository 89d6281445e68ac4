import type { TouchpointInput } from '@c360/contracts';

const DAY = 86_400_000;
/** Churn is learnt as of this many days ago, over the 30 days after it (training needs the horizon passed). */
export const CUTOFF_DAYS_AGO = 40;
export const HORIZON_DAYS = 30;
const POPULATION = 40;

/**
 * People for insights to learn churn from and score, dated from now (training needs the horizon after its
 * cutoff to have passed): engaged customers (even i) come back after the cutoff but one in twenty, lapsed
 * ones (odd i) do not but one in fourteen. None uses the funnel's or paths' events, whose counts other tests know.
 * `scoredEmail` is one more engaged customer with kind words for sentiment; `unprofiledEmail` is refused
 * profiling by the test.
 */
export interface InsightsSeed {
  cutoff: Date;
  scoredEmail: string;
  unprofiledEmail: string;
  touchpoints: TouchpointInput[];
  /** A later visit of the scored customer: the update that scores them once a model is active. */
  laterVisit: () => TouchpointInput;
}

export function insightsSeed(tag: string, now = Date.now()): InsightsSeed {
  const cutoff = new Date(now - CUTOFF_DAYS_AGO * DAY);
  const at = (daysFromCutoff: number) => new Date(cutoff.getTime() + daysFromCutoff * DAY).toISOString();
  const tp = (id: string, email: string, occurredAt: string, extra: Partial<TouchpointInput> = {}): TouchpointInput => ({
    messageId: `${tag}-${id}`,
    type: 'track',
    event: 'Article Read',
    channel: 'web',
    occurredAt,
    identifiers: { email },
    properties: {},
    source: 'console-e2e',
    ...extra,
  });

  const touchpoints: TouchpointInput[] = [];
  for (let i = 0; i < POPULATION; i++) {
    const email = `churn-${i}-${tag}@example.com`;
    const engaged = i % 2 === 0;
    const visits = engaged ? 6 + (i % 5) : 1 + (i % 3);
    for (let k = 0; k < visits; k++) {
      const day = engaged ? -(1 + k * 4) : -(60 + k * 9);
      touchpoints.push(tp(`c${i}-${k}`, email, at(day), engaged ? { channel: k % 3 ? 'web' : 'app' } : { channel: 'email', event: 'Email Opened' }));
    }
    const staysActive = engaged ? i % 20 !== 0 : i % 14 === 1;
    if (staysActive) touchpoints.push(tp(`c${i}-after`, email, at(5)));
  }

  const scoredEmail = `scored-${tag}@example.com`;
  for (let k = 0; k < 5; k++) touchpoints.push(tp(`scored-${k}`, scoredEmail, at(-(2 + k * 5))));
  // Kind words only: a sharp negative turn would bring generation's check-in draft into the review queue.
  const said = (id: string, occurredAt: string, channel: TouchpointInput['channel'], text: string): TouchpointInput => ({
    messageId: `${tag}-${id}`,
    type: 'contact',
    channel,
    occurredAt,
    identifiers: { email: scoredEmail },
    properties: {},
    source: 'console-e2e',
    text,
  });
  touchpoints.push(
    said('scored-said-1', at(-3), 'email', 'Thanks, the new plan works well and your team was very helpful.'),
    said('scored-said-2', at(-1), 'call_center', 'Great service today, I am happy with the order.'),
  );

  const unprofiledEmail = `unprofiled-${tag}@example.com`;
  for (let k = 0; k < 3; k++) touchpoints.push(tp(`unprofiled-${k}`, unprofiledEmail, at(-(1 + k * 3))));

  let later = 0;
  return {
    cutoff,
    scoredEmail,
    unprofiledEmail,
    touchpoints,
    laterVisit: () => tp(`scored-later-${later++}`, scoredEmail, new Date(now + later * 60_000 - DAY).toISOString()),
  };
}
