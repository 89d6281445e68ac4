import { successionKey } from './attempt-succession';

describe('the place of a person’s next attempt at a journey', () => {
  it('depends only on the journey and the attempt it follows, so folds from one state meet on one key', () => {
    expect(successionKey('checkout', 'a1', 'c1')).toBe(successionKey('checkout', 'a1', 'c2'));
    expect(successionKey('checkout', 'a1', 'c1')).toMatch(/^[0-9a-f]{32}$/);
    expect(successionKey('checkout', 'a1', 'c1')).not.toBe(successionKey('checkout', 'a2', 'c1'));
    expect(successionKey('checkout', 'a1', 'c1')).not.toBe(successionKey('cart', 'a1', 'c1'));
  });

  it('keys a person’s first attempt by the person, apart from any attempt’s successor', () => {
    expect(successionKey('checkout', null, 'c1')).toBe(successionKey('checkout', null, 'c1'));
    expect(successionKey('checkout', null, 'c1')).not.toBe(successionKey('checkout', null, 'c2'));
    // A person id that happens to equal an attempt id names another place.
    expect(successionKey('checkout', null, 'x')).not.toBe(successionKey('checkout', 'x', 'c1'));
  });

  it('passes over keys held by someone else, in the same order for every fold', () => {
    const first = successionKey('checkout', 'a1', 'c1');
    const second = successionKey('checkout', 'a1', 'c1', new Set([first]));
    expect(second).not.toBe(first);
    expect(successionKey('checkout', 'a1', 'c2', new Set([first]))).toBe(second);
    const third = successionKey('checkout', 'a1', 'c1', new Set([first, second]));
    expect(new Set([first, second, third]).size).toBe(3);
    // A key held elsewhere that is not on this attempt's way changes nothing.
    expect(successionKey('checkout', 'a1', 'c1', new Set([successionKey('checkout', 'a2', 'c1')]))).toBe(first);
  });
});
