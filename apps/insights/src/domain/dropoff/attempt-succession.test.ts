import { nextAttemptId } from './attempt-succession';

describe('the id of a person’s next attempt at a journey', () => {
  it('depends only on the journey and the attempt it follows, so folds from one state meet on one id', () => {
    expect(nextAttemptId('checkout', 'a1', 'c1')).toBe(nextAttemptId('checkout', 'a1', 'c2'));
    expect(nextAttemptId('checkout', 'a1', 'c1')).toMatch(/^[0-9a-f]{32}$/);
    expect(nextAttemptId('checkout', 'a1', 'c1')).not.toBe(nextAttemptId('checkout', 'a2', 'c1'));
    expect(nextAttemptId('checkout', 'a1', 'c1')).not.toBe(nextAttemptId('cart', 'a1', 'c1'));
  });

  it('keys a person’s first attempt by the person, apart from any attempt’s successor', () => {
    expect(nextAttemptId('checkout', null, 'c1')).toBe(nextAttemptId('checkout', null, 'c1'));
    expect(nextAttemptId('checkout', null, 'c1')).not.toBe(nextAttemptId('checkout', null, 'c2'));
    // A person id that happens to equal an attempt id names another document.
    expect(nextAttemptId('checkout', null, 'x')).not.toBe(nextAttemptId('checkout', 'x', 'c1'));
  });

  it('passes over ids held by someone else, in the same order for every fold', () => {
    const first = nextAttemptId('checkout', 'a1', 'c1');
    const second = nextAttemptId('checkout', 'a1', 'c1', new Set([first]));
    expect(second).not.toBe(first);
    expect(nextAttemptId('checkout', 'a1', 'c2', new Set([first]))).toBe(second);
    const third = nextAttemptId('checkout', 'a1', 'c1', new Set([first, second]));
    expect(new Set([first, second, third]).size).toBe(3);
    // An id held elsewhere that is not on this attempt's way changes nothing.
    expect(nextAttemptId('checkout', 'a1', 'c1', new Set([nextAttemptId('checkout', 'a2', 'c1')]))).toBe(first);
  });
});
