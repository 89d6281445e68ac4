import { consentChangeOf } from './consent-request';
import { customer360Link, handOverSummary } from './hand-over';
import { articleExcerpt, templateReply } from './reply-templates';

describe('consent change requests', () => {
  it.each([
    ['unsubscribe me from your emails', 'email_marketing', 'withdrawn'],
    ['stop texting me offers', 'sms_marketing', 'withdrawn'],
    ['do not share my data with partners', 'third_party_sharing', 'withdrawn'],
    ['stop tailoring ads to me', 'profiling', 'withdrawn'],
    ['sign me up for the newsletter', 'email_marketing', 'granted'],
    ["I'd like to opt back in to texts", 'sms_marketing', 'granted'],
  ])('"%s" asks for %s %s', (text, purpose, wantedStatus) => {
    expect(consentChangeOf(text)).toEqual({ purpose, wantedStatus });
  });

  it('reads a mixed message as a withdrawal, the harmless side', () => {
    expect(consentChangeOf('stop sending me emails, do not sign me up again')).toMatchObject({ wantedStatus: 'withdrawn' });
  });
});

describe('hand-over', () => {
  it('summarises the reasons, the topics and the last customer message', () => {
    const summary = handOverSummary(
      [
        { author: 'customer', text: 'where is my order', intent: 'order_status' },
        { author: 'bot', text: 'Here is what I can see', intent: 'order_status' },
        { author: 'customer', text: 'this is unacceptable', intent: 'complaint' },
      ],
      ['complaint', 'negative_sentiment'],
      true,
    );
    expect(summary).toBe(
      'Escalated: complaint; sentiment turned negative. Identified customer, 2 messages; topics: order status, complaint. Last message: "this is unacceptable"',
    );
  });

  it('cuts a long last message', () => {
    const summary = handOverSummary([{ author: 'customer', text: 'a'.repeat(1000), intent: null }], ['customer_asked'], false);
    expect(summary.length).toBeLessThan(400);
    expect(summary).toContain('Anonymous customer, 1 message; topics: unclear');
  });

  it('links to the 360 view of an identified customer only', () => {
    expect(customer360Link('https://console/customers/{customerId}', 'c 1')).toBe('https://console/customers/c%201');
    expect(customer360Link('https://console/customers/{customerId}', null)).toBeNull();
  });
});

describe('reply templates', () => {
  it('quotes whole sentences of an article, up to the limit', () => {
    expect(articleExcerpt('One. Two two. Three three three.', 14)).toBe('One. Two two.');
    expect(templateReply({ kind: 'article', title: 'Refunds', body: 'Refunds take 5 days. More text.' })).toContain('"Refunds": Refunds take 5 days.');
  });

  it('states orders from their facts only', () => {
    const text = templateReply({
      kind: 'orders',
      orders: [{ orderId: 'A-1', occurredAt: new Date('2026-03-02T10:00:00Z'), event: 'purchase', total: { amount: 12, currency: 'EUR' } }],
    });
    expect(text).toBe('Here is what I can see: order A-1 on 2 March 2026 for 12.00 EUR (purchase).');
    expect(templateReply({ kind: 'orders', orders: [] })).toMatch(/can't see any recent orders/);
  });

  it('says a request was passed on, never that it was done', () => {
    const text = templateReply({ kind: 'request_created', request: 'erasure', consent: null });
    expect(text).toMatch(/passed your request to erase your data to our privacy team/);
    expect(text).not.toMatch(/deleted|erased your/);
  });
});
