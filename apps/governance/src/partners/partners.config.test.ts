import { randomBytes } from 'node:crypto';
import { loadConfig } from '../config';

const base = { INTERNAL_TOKEN_SECRET: 'x'.repeat(32), SUPPRESSION_SECRET: 'y'.repeat(32), AUDIT_ANCHOR_KEY: 'z'.repeat(32) };

describe('partner webhook configuration', () => {
  it('requires a 32-byte webhook secret encryption key, naming the variable when it is missing or malformed', () => {
    expect(() => loadConfig(base)).toThrow(/WEBHOOK_SECRET_ENCRYPTION_KEY: missing \(32 random bytes, base64 or hex/);
    expect(() => loadConfig({ ...base, WEBHOOK_SECRET_ENCRYPTION_KEY: randomBytes(16).toString('hex') })).toThrow(
      /WEBHOOK_SECRET_ENCRYPTION_KEY: must be 32 bytes/,
    );
    const key = randomBytes(32).toString('base64');
    expect(loadConfig({ ...base, WEBHOOK_SECRET_ENCRYPTION_KEY: key }).WEBHOOK_SECRET_ENCRYPTION_KEY).toBe(key);
  });

  it('reads old keys as a comma-separated list and names a malformed one', () => {
    const [current, old1, old2] = [randomBytes(32).toString('base64'), randomBytes(32).toString('hex'), randomBytes(32).toString('base64')];
    expect(
      loadConfig({ ...base, WEBHOOK_SECRET_ENCRYPTION_KEY: current, WEBHOOK_SECRET_ENCRYPTION_KEYS_OLD: ` ${old1}, ${old2} ` })
        .WEBHOOK_SECRET_ENCRYPTION_KEYS_OLD,
    ).toEqual([old1, old2]);
    expect(loadConfig({ ...base, WEBHOOK_SECRET_ENCRYPTION_KEY: current }).WEBHOOK_SECRET_ENCRYPTION_KEYS_OLD).toEqual([]);
    expect(() => loadConfig({ ...base, WEBHOOK_SECRET_ENCRYPTION_KEY: current, WEBHOOK_SECRET_ENCRYPTION_KEYS_OLD: `${old1},short` })).toThrow(
      /WEBHOOK_SECRET_ENCRYPTION_KEYS_OLD: key 2 must be 32 bytes/,
    );
  });

  it('keeps webhooks off private networks unless WEBHOOK_ALLOW_PRIVATE_NETWORKS is exactly true', () => {
    const env = { ...base, WEBHOOK_SECRET_ENCRYPTION_KEY: randomBytes(32).toString('hex') };
    expect(loadConfig(env).WEBHOOK_ALLOW_PRIVATE_NETWORKS).toBe(false);
    expect(loadConfig({ ...env, WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' }).WEBHOOK_ALLOW_PRIVATE_NETWORKS).toBe(true);
    expect(() => loadConfig({ ...env, WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'yes' })).toThrow(/WEBHOOK_ALLOW_PRIVATE_NETWORKS/);
  });
});
