import { isExpired, readClaims } from './jwt-claims';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const token = (payload: unknown) => `${encode({ alg: 'HS256' })}.${encode(payload)}.signature`;

describe('readClaims', () => {
  it('reads subject, roles (a partner role without its id) and expiry', () => {
    expect(readClaims(token({ sub: 'ana', roles: ['analyst', 'partner:acme'], exp: 100 }))).toEqual({
      subject: 'ana',
      roles: ['analyst', 'partner'],
      expiresAt: 100,
    });
  });

  it('answers null for what is not a token, and no roles for a token without them', () => {
    expect(readClaims('nonsense')).toBeNull();
    expect(readClaims(`a.${encode('x')}.c`)).toBeNull();
    expect(readClaims('a.!!!.c')).toBeNull();
    expect(readClaims(token({ sub: 'x' }))?.roles).toEqual([]);
  });

  it('reads non-ASCII subjects', () => {
    expect(readClaims(token({ sub: 'zoë' }))?.subject).toBe('zoë');
  });

  it('tells an expired session', () => {
    expect(isExpired({ subject: 'a', roles: [], expiresAt: 10 }, 10)).toBe(true);
    expect(isExpired({ subject: 'a', roles: [], expiresAt: 11 }, 10)).toBe(false);
    expect(isExpired({ subject: 'a', roles: [] }, 10)).toBe(false);
  });
});
