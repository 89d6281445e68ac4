import { VerifiedTokenCache } from './verified-token-cache';

describe('verified token cache', () => {
  const now = 1_800_000_000_000;
  const expSeconds = (ms: number) => Math.floor(ms / 1000);

  it('answers for the exact token until the second of its exp', () => {
    const cache = new VerifiedTokenCache<string>(600_000);
    cache.set('a.b.c', 'caller', expSeconds(now) + 10, now);
    expect(cache.get('a.b.c', now)).toBe('caller');
    expect(cache.get('a.b.C', now)).toBeUndefined();
    expect(cache.get('a.b.c', (expSeconds(now) + 10) * 1000 - 1)).toBe('caller');
    expect(cache.get('a.b.c', (expSeconds(now) + 10) * 1000)).toBeUndefined();
  });

  it('forgets a long-lived token after its maximum age, so it is verified again', () => {
    const cache = new VerifiedTokenCache<string>(60_000);
    cache.set('t', 'caller', expSeconds(now) + 3600, now);
    expect(cache.get('t', now + 59_999)).toBe('caller');
    expect(cache.get('t', now + 60_000)).toBeUndefined();
  });

  it('keeps nothing for a token already expired', () => {
    const cache = new VerifiedTokenCache<string>();
    cache.set('t', 'caller', expSeconds(now), now + 500);
    expect(cache.get('t', now + 500)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('stays within its size, dropping the least recently used', () => {
    const cache = new VerifiedTokenCache<number>(60_000, 4);
    for (let i = 1; i <= 4; i++) cache.set(`t${i}`, i, expSeconds(now) + 100, now);
    expect(cache.get('t1', now)).toBe(1);
    cache.set('t5', 5, expSeconds(now) + 100, now);
    expect(cache.size).toBe(4);
    expect(cache.get('t2', now)).toBeUndefined();
    expect([1, 3, 4, 5].map((i) => cache.get(`t${i}`, now))).toEqual([1, 3, 4, 5]);
  });
});
