import type { AccessTokenSettings } from '@c360/auth';

export function accessSettings(env: NodeJS.ProcessEnv = process.env): AccessTokenSettings {
  const secret = env['ACCESS_TOKEN_SECRET'];
  if (!secret) throw new Error('ACCESS_TOKEN_SECRET is not set (npm start writes it to .data/local.env)');
  return { secret, issuer: env['ACCESS_TOKEN_ISSUER'] ?? 'c360-local', audience: env['ACCESS_TOKEN_AUDIENCE'] ?? 'c360' };
}
