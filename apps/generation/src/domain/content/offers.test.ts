import { claimsIn, unsupportedClaims } from './offers';

describe('commercial claims', () => {
  it('normalises money, percentages and promise words', () => {
    expect([...claimsIn('Save 20% today: £15 off, free delivery, money-back guarantee')].sort()).toEqual(
      ['percent 20', 'price GBP 15', 'promise free', 'promise guarantee', 'promise off', 'promise refund'].sort(),
    );
    expect(claimsIn('Feel free to reply, or free to call')).toEqual(new Set());
  });

  it('allows a claim the brief or the catalogue makes, in other words', () => {
    expect(unsupportedClaims('Get 10 percent off with free delivery', ['Mention 10% off and free delivery'])).toEqual([]);
    expect(unsupportedClaims('£20 voucher inside', ['20 GBP voucher for loyal customers'])).toEqual([]);
  });

  it('refuses prices, discounts and promises nobody allowed', () => {
    expect(unsupportedClaims('Only $49.99 with a 25% discount', ['Invite them back'])).toEqual(['price USD 49.99', 'percent 25', 'promise discount']);
    expect(unsupportedClaims('We guarantee you will love it', [])).toEqual(['promise guarantee']);
  });
});
