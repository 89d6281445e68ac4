import type { TouchpointInput } from '@c360/contracts';
import { uniqueName } from '@c360/testing';

/**
 * The browser tests' data, unique to the run (identity-graph's Neo4j is shared between runs): a
 * person with a long cross-channel journey, shoppers whose funnel counts are known, a pair for the
 * review queue, and a person to erase.
 */
export interface Seed {
  tag: string;
  journeyEmail: string;
  journeyTouchpoints: number;
  /** Shoppers reaching each funnel step, in FUNNEL_STEPS order. */
  funnel: number[];
  reviewKnownEmail: string;
  reviewFamilyName: string;
  /** The family name on the probable match, one letter more. */
  reviewCallFamilyName: string;
  eraseEmail: string;
  first: TouchpointInput[];
  /** Sent once the first batch is linked: the record that matches the known person only probably. */
  second: TouchpointInput[];
}

export const FUNNEL_STEPS = ['Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed'];
const SHOPPERS = [12, 9, 6, 4];

/** Names are compared on letters only, so a unique family name is made of letters. */
function letters(tag: string): string {
  return tag.replace(/[^a-z0-9]/g, '').replace(/[0-9]/g, (d) => 'ghijklmnop'[Number(d)] ?? 'q');
}

export function seed(): Seed {
  const tag = uniqueName('con');
  const journeyEmail = `journey-${tag}@example.com`;
  const at = (day: number, minute = 0) => new Date(Date.UTC(2026, 9, 1 + day, 9, minute)).toISOString();
  const tp = (t: Omit<TouchpointInput, 'properties'> & { properties?: Record<string, unknown> }): TouchpointInput => ({
    properties: {},
    source: 'console-e2e',
    ...t,
  });

  const journey: TouchpointInput[] = [
    tp({
      messageId: `${tag}-j-visit`,
      type: 'page',
      channel: 'web',
      occurredAt: at(0),
      identifiers: { anonymousId: `anon-${tag}` },
      properties: { path: '/pricing' },
    }),
    tp({
      messageId: `${tag}-j-signup`,
      type: 'identify',
      event: 'Signed Up',
      channel: 'web',
      occurredAt: at(0, 5),
      identifiers: { anonymousId: `anon-${tag}`, email: journeyEmail },
    }),
    ...Array.from({ length: 21 }, (_, i) =>
      tp({
        messageId: `${tag}-j-open-${i}`,
        type: 'track',
        event: 'Email Opened',
        channel: 'email',
        occurredAt: at(1 + i),
        identifiers: { email: journeyEmail },
      }),
    ),
    tp({
      messageId: `${tag}-j-call`,
      type: 'contact',
      event: 'Call Completed',
      channel: 'call_center',
      occurredAt: at(25),
      identifiers: { email: journeyEmail, crmId: `CRM-${tag}` },
      properties: { reason: 'billing', outcome: 'resolved' },
    }),
  ];

  const shoppers: TouchpointInput[] = [];
  for (let s = 0; s < SHOPPERS[0]!; s++) {
    const email = `shopper-${s}-${tag}@example.com`;
    FUNNEL_STEPS.forEach((event, step) => {
      if (s < SHOPPERS[step]!) {
        shoppers.push(
          tp({
            messageId: `${tag}-s${s}-${step}`,
            type: 'track',
            event,
            channel: s % 2 ? 'app' : 'web',
            occurredAt: at(s, 10 + step * 5),
            identifiers: { email },
          }),
        );
      }
    });
  }

  // Given name, family name and place unique to the run, so earlier runs' people in the shared graph
  // are never a better match than this run's.
  const familyName = letters(tag.slice(4));
  const givenName = `${letters(uniqueName('g').slice(2, 9))}a`;
  const locality = letters(uniqueName('l').slice(2));
  const known = {
    givenName,
    familyName,
    birthDate: '1961-07-14',
    streetNumber: '42',
    street: `${familyName} Road`,
    locality,
    postcode: '91006',
  };
  const reviewKnownEmail = `known-${tag}@example.com`;
  const eraseEmail = `erase-${tag}@example.com`;
  return {
    tag,
    journeyEmail,
    journeyTouchpoints: journey.length,
    funnel: SHOPPERS,
    reviewKnownEmail,
    reviewFamilyName: familyName,
    reviewCallFamilyName: `${familyName}e`,
    eraseEmail,
    first: [
      ...journey,
      ...shoppers,
      tp({ messageId: `${tag}-r-known`, type: 'visit', channel: 'store', occurredAt: at(3), identifiers: { email: reviewKnownEmail }, traits: known }),
      tp({ messageId: `${tag}-e-1`, type: 'page', channel: 'web', occurredAt: at(4), identifiers: { email: eraseEmail }, properties: { path: '/account' } }),
      tp({
        messageId: `${tag}-e-2`,
        type: 'purchase',
        event: 'Order Completed',
        channel: 'store',
        occurredAt: at(5),
        identifiers: { email: eraseEmail, phone: '+1 415 555 0199' },
      }),
    ],
    // A call with the name only, one letter more in it: between the merge and review thresholds.
    second: [
      tp({
        messageId: `${tag}-r-call`,
        type: 'contact',
        channel: 'call_center',
        occurredAt: at(6),
        identifiers: {},
        traits: { givenName, familyName: `${familyName}e` },
      }),
    ],
  };
}
