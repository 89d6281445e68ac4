import { randomBytes } from 'node:crypto';
import { keyIdOf, keyringFrom, parseEncryptionKey, SecretDecryptionError, SecretKeyring } from './secret-cipher';
import { newWebhookSecret } from './webhook-signature';

const keyA = randomBytes(32);
const keyB = randomBytes(32);

function tamper(sealed: string, part: number): string {
  const parts = sealed.split(':');
  const bytes = Buffer.from(parts[part]!, 'base64');
  bytes[0] = bytes[0]! ^ 1;
  parts[part] = bytes.toString('base64');
  return parts.join(':');
}

describe('webhook secret cipher', () => {
  it('round-trips, in the v1:<keyId>:<iv>:<tag>:<ciphertext> form, with a fresh IV each time', () => {
    const ring = new SecretKeyring(keyA);
    const secret = newWebhookSecret();
    const [one, two] = [ring.seal(secret, 'acme'), ring.seal(secret, 'acme')];
    expect(one).toMatch(/^v1:[A-Za-z0-9_-]{8}:[A-Za-z0-9+/=]{16}:[A-Za-z0-9+/=]{24}:[A-Za-z0-9+/=]+$/);
    expect(one.split(':')[1]).toBe(keyIdOf(keyA));
    expect(one).not.toContain(secret.slice('whsec_'.length));
    expect(one).not.toBe(two);
    expect(ring.open(one, 'acme')).toBe(secret);
    expect(ring.open(two, 'acme')).toBe(secret);
  });

  it('detects a changed ciphertext, tag or IV, and a value moved to another partner', () => {
    const ring = new SecretKeyring(keyA);
    const sealed = ring.seal(newWebhookSecret(), 'acme');
    for (const part of [2, 3, 4]) expect(() => ring.open(tamper(sealed, part), 'acme')).toThrow(/failed authentication/);
    expect(() => ring.open(sealed, 'globex')).toThrow(SecretDecryptionError);
    expect(() => ring.open('whsec_plain', 'acme')).toThrow(/not a sealed webhook secret/);
  });

  it('opens values sealed with an old key, seals only with the current one, and says which need sealing again', () => {
    const before = new SecretKeyring(keyA);
    const sealedWithA = before.seal('whsec_b2xk', 'acme');
    const after = new SecretKeyring(keyB, [keyA]);
    expect(after.open(sealedWithA, 'acme')).toBe('whsec_b2xk');
    const sealedWithB = after.seal('whsec_bmV3', 'acme');
    expect(sealedWithB.split(':')[1]).toBe(keyIdOf(keyB));
    expect(after.needsReseal(sealedWithA)).toBe(true);
    expect(after.needsReseal(sealedWithB)).toBe(false);
  });

  it('refuses a value when the key that sealed it is not configured, naming the variables', () => {
    const sealed = new SecretKeyring(keyA).seal('whsec_c2VjcmV0', 'acme');
    expect(() => new SecretKeyring(keyB).open(sealed, 'acme')).toThrow(/WEBHOOK_SECRET_ENCRYPTION_KEY.*WEBHOOK_SECRET_ENCRYPTION_KEYS_OLD/);
    // Same key id, another key (a forged or corrupted id): authentication still fails rather than yielding garbage.
    const forged = sealed.replace(`:${keyIdOf(keyA)}:`, `:${keyIdOf(keyB)}:`);
    expect(() => new SecretKeyring(keyB).open(forged, 'acme')).toThrow(/failed authentication/);
  });

  it('parses 32-byte keys as hex or base64 and explains anything else', () => {
    const key = randomBytes(32);
    expect(parseEncryptionKey(key.toString('hex'))).toEqual(key);
    expect(parseEncryptionKey(key.toString('base64'))).toEqual(key);
    expect(parseEncryptionKey(key.toString('base64url'))).toEqual(key);
    expect(parseEncryptionKey(randomBytes(16).toString('base64'))).toMatch(/this is 16 bytes/);
    expect(parseEncryptionKey('not a key!')).toMatch(/32 bytes, base64 or hex/);
    expect(keyringFrom(key.toString('hex'), [keyA.toString('base64')]).currentKeyId).toBe(keyIdOf(key));
  });
});
