import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Webhook signing secrets at rest: AES-256-GCM under a deployment key, sealed as
 * `v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64 parts). The key id is derived from the key, so a
 * value names the key that opens it and old keys can be kept for reading while new values use the
 * current one. The partner id is bound in as additional data, so a sealed value copied onto
 * another partner does not open.
 */
const VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretDecryptionError';
  }
}

/** A 32-byte key written as 64 hex digits or base64 (standard or url-safe); a message saying what is wrong otherwise. */
export function parseEncryptionKey(text: string): Buffer | string {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return 'must be 32 bytes, base64 or hex (e.g. `openssl rand -base64 32`)';
  const key = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return key.length === KEY_BYTES ? key : `must be 32 bytes, base64 or hex; this is ${key.length} bytes`;
}

/** Public and stable: 8 base64url characters of a hash of the key, which tells nothing usable about the key. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('c360/webhook-secret-key-id\0').update(key).digest('base64url').slice(0, 8);
}

const additionalData = (context: string) => Buffer.from(`c360/webhook-secret/${VERSION}/${context}`);

export class SecretKeyring {
  private readonly keys = new Map<string, Buffer>();
  readonly currentKeyId: string;

  /** `current` seals and opens; `old` keys only open, so values sealed before a key rotation stay readable. */
  constructor(
    private readonly current: Buffer,
    old: readonly Buffer[] = [],
  ) {
    for (const key of [current, ...old]) {
      if (key.length !== KEY_BYTES) throw new Error('webhook secret encryption keys must be 32 bytes');
      this.keys.set(keyIdOf(key), key);
    }
    this.currentKeyId = keyIdOf(current);
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current, iv);
    cipher.setAAD(additionalData(context));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, this.currentKeyId, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(':');
  }

  /** Throws SecretDecryptionError rather than ever returning something that was not sealed with this context. */
  open(sealed: string, context: string): string {
    const parts = sealed.split(':');
    if (parts.length !== 5 || parts[0] !== VERSION)
      throw new SecretDecryptionError('not a sealed webhook secret (expected v1:<keyId>:<iv>:<tag>:<ciphertext>)');
    const [, keyId, iv, tag, ciphertext] = parts as [string, string, string, string, string];
    const key = this.keys.get(keyId);
    if (!key) {
      throw new SecretDecryptionError(`sealed with key ${keyId}, which is neither WEBHOOK_SECRET_ENCRYPTION_KEY nor in WEBHOOK_SECRET_ENCRYPTION_KEYS_OLD`);
    }
    const ivBytes = Buffer.from(iv, 'base64');
    const tagBytes = Buffer.from(tag, 'base64');
    if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) throw new SecretDecryptionError('malformed sealed webhook secret');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, ivBytes, { authTagLength: TAG_BYTES });
      decipher.setAAD(additionalData(context));
      decipher.setAuthTag(tagBytes);
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretDecryptionError(`sealed webhook secret failed authentication under key ${keyId} (altered, or sealed for another partner)`);
    }
  }

  /** True when the value was sealed with an old key (or is not sealed at all) and should be sealed again. */
  needsReseal(sealed: string): boolean {
    return !sealed.startsWith(`${VERSION}:${this.currentKeyId}:`);
  }
}

/** The keyring from the two configuration values (already validated by the config schema). */
export function keyringFrom(currentKey: string, oldKeys: readonly string[]): SecretKeyring {
  const parse = (text: string) => {
    const key = parseEncryptionKey(text);
    if (typeof key === 'string') throw new Error(`webhook secret encryption key ${key}`);
    return key;
  };
  return new SecretKeyring(parse(currentKey), oldKeys.map(parse));
}
