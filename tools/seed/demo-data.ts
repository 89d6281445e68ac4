import type { TouchpointInput } from '@c360/contracts';

type Step = Omit<TouchpointInput, 'messageId' | 'properties'> & { properties?: Record<string, unknown> };

/**
 * A handful of people met on digital and non-digital channels. Ada is first an anonymous visitor,
 * then signs up, then calls the contact centre: three touchpoints that resolve to one customer.
 */
const PEOPLE: { key: string; steps: Step[] }[] = [
  {
    key: 'ada',
    steps: [
      { type: 'page', channel: 'web', occurredAt: '2026-10-01T09:00:00Z', identifiers: { anonymousId: 'anon-ada-1' }, properties: { path: '/pricing' } },
      {
        type: 'identify',
        event: 'Signed Up',
        channel: 'web',
        occurredAt: '2026-10-01T09:05:00Z',
        identifiers: { anonymousId: 'anon-ada-1', email: 'Ada@Example.com ' },
      },
      {
        type: 'contact',
        event: 'Call Completed',
        channel: 'call_center',
        occurredAt: '2026-10-03T14:30:00Z',
        identifiers: { phone: '+1 (415) 555-0101', email: 'ada@example.com', crmId: 'CRM-1001' },
        properties: { reason: 'billing', outcome: 'resolved' },
      },
    ],
  },
  {
    key: 'grace',
    steps: [
      { type: 'screen', channel: 'app', occurredAt: '2026-10-02T08:00:00Z', identifiers: { deviceId: 'dev-grace-ios' }, properties: { screen: 'home' } },
      {
        type: 'purchase',
        event: 'Order Completed',
        channel: 'store',
        occurredAt: '2026-10-04T11:00:00Z',
        identifiers: { email: 'grace@example.com', crmId: 'CRM-1002' },
        properties: { total: 120.5, currency: 'EUR' },
      },
      { type: 'identify', channel: 'app', occurredAt: '2026-10-05T19:00:00Z', identifiers: { deviceId: 'dev-grace-ios', email: 'grace@example.com' } },
    ],
  },
  {
    key: 'linus',
    steps: [
      { type: 'track', event: 'Email Opened', channel: 'email', occurredAt: '2026-10-06T07:30:00Z', identifiers: { email: 'linus@example.org' } },
      {
        type: 'attendance',
        event: 'Event Attended',
        channel: 'event',
        occurredAt: '2026-10-09T18:00:00Z',
        identifiers: { email: 'linus@example.org', phone: '+44 20 7946 0958' },
        properties: { event: 'Autumn meetup' },
      },
      {
        type: 'response',
        event: 'Mail Responded',
        channel: 'direct_mail',
        occurredAt: '2026-10-12T10:00:00Z',
        identifiers: { crmId: 'CRM-1003', phone: '+442079460958' },
      },
      { type: 'meeting', event: 'Advisor Meeting', channel: 'advisor', occurredAt: '2026-10-15T16:00:00Z', identifiers: { crmId: 'CRM-1003' } },
    ],
  },
];

export function demoTouchpoints(): TouchpointInput[] {
  return PEOPLE.flatMap(({ key, steps }) =>
    steps.map((step, i) => ({ ...step, messageId: `demo-${key}-${i + 1}`, properties: step.properties ?? {}, source: 'demo' })),
  );
}
