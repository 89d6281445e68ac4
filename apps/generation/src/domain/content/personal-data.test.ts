import { findContactDetails, findNames, passesLuhn, redactText } from './personal-data';

describe('personal data detectors', () => {
  it('finds emails, phone numbers and card numbers, and reports them masked', () => {
    const found = findContactDetails('Write to ann.lee+x@example.co.uk or call +44 20 7946 0958; card 4111 1111 1111 1111.');
    expect(found.map((f) => f.kind).sort()).toEqual(['card_number', 'email', 'phone']);
    expect(JSON.stringify(found)).not.toContain('7946');
    expect(JSON.stringify(found)).not.toContain('ann.lee');
  });

  it('leaves dates, prices, short numbers and order numbers failing Luhn alone', () => {
    expect(findContactDetails('On 2026-03-01 you spent £120.50 on 3 items; see you at 10:30.')).toEqual([]);
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
  });

  it('finds names after salutations and honorifics, and the customer’s own name anywhere', () => {
    expect(findNames('Hi Maria, your order is ready', []).length).toBe(1);
    expect(findNames('Dear Mr. Okafor', []).length).toBe(1);
    expect(findNames('Hi there, welcome back', [])).toEqual([]);
    expect(findNames('Hello,\n\nYour checkout is waiting at the payment step.', [])).toEqual([]);
    expect(findNames('Hi,\nStill thinking it over?', [])).toEqual([]);
    expect(findNames('Dear Maria,\nStill thinking it over?', [])).toHaveLength(1);
    expect(findNames('See you in Lisbon soon', ['Lisbon'])).toHaveLength(1);
    expect(findNames('Hi Acme, thanks', [], ['Acme'])).toEqual([]);
  });
});

describe('redacting free text', () => {
  it('replaces contacts, cards and the customer’s names, keeping dates and prices', () => {
    expect(redactText('Ask Ada Lovelace (ada@x.io, +44 20 7946 0958, 4111 1111 1111 1111) about 2026-03-01 and £20', ['Ada', 'Lovelace'], [])).toBe(
      'Ask [name] [name] ([email], [phone], [card]) about 2026-03-01 and £20',
    );
    expect(redactText('call 07700900123', [], ['07700900123'])).toBe('call [contact]');
  });
});
