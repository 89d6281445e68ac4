import { baseConfigSchema, ConfigError, parseConfig, startupSettingsFrom } from './config';

const env = { INTERNAL_TOKEN_SECRET: 'x'.repeat(32) };

describe('the shutdown settings', () => {
  it('default to a 25 s budget with no drain', () => {
    const config = parseConfig(baseConfigSchema, env);
    expect(config).toMatchObject({ SHUTDOWN_DRAIN_MS: 0, SHUTDOWN_TIMEOUT_MS: 25_000, TEST_STARTUP_PAUSE_MS: 0 });
  });

  it('refuses a timeout that is not a whole number of ms within bounds, naming the variable', () => {
    for (const value of ['soon', '500', '600001', '1.5']) {
      expect(() => parseConfig(baseConfigSchema, { ...env, SHUTDOWN_TIMEOUT_MS: value })).toThrow(/SHUTDOWN_TIMEOUT_MS/);
    }
  });

  it('refuses a drain as long as the whole budget', () => {
    expect(() => parseConfig(baseConfigSchema, { ...env, SHUTDOWN_DRAIN_MS: '5000', SHUTDOWN_TIMEOUT_MS: '5000' })).toThrow(ConfigError);
    expect(parseConfig(baseConfigSchema, { ...env, SHUTDOWN_DRAIN_MS: '5000', SHUTDOWN_TIMEOUT_MS: '6000' }).SHUTDOWN_TIMEOUT_MS).toBe(6_000);
  });

  it('are read for the start-up guard before the service parses its configuration, a bad value falling back to the default', () => {
    expect(startupSettingsFrom({ SHUTDOWN_TIMEOUT_MS: '4000', TEST_STARTUP_PAUSE_MS: '100', LOG_LEVEL: 'warn' })).toEqual({
      logLevel: 'warn',
      shutdownTimeoutMs: 4_000,
      testPauseMs: 100,
    });
    expect(startupSettingsFrom({ SHUTDOWN_TIMEOUT_MS: 'soon', LOG_LEVEL: 'loud' })).toEqual({ logLevel: 'info', shutdownTimeoutMs: 25_000, testPauseMs: 0 });
  });
});
