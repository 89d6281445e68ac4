import { webcrypto } from 'node:crypto';

export type HmacKey = webcrypto.CryptoKey;

const keys = new Map<string, Promise<HmacKey>>();

/**
 * The WebCrypto key for an HS256 secret, imported once per process: jose given raw bytes imports
 * them again on every sign and verify, which costs more than the HMAC itself.
 */
export function hmacKey(secret: string): Promise<HmacKey> {
  let key = keys.get(secret);
  if (!key) {
    key = webcrypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    keys.set(secret, key);
  }
  return key;
}
