import type { CountryCode } from 'libphonenumber-js';
import { z } from 'zod';
import { IdentifierRegistry, parseIdentifierTypesConfig, type IdentifierTypeConfig } from './identifier-registry';

const domainList = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((d) => d.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'a comma-separated list of mail domains')));

const identifierTypesConfig = z.string().transform((v, ctx): IdentifierTypeConfig[] => {
  try {
    return parseIdentifierTypesConfig(v);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `a JSON array of identifier type settings: ${(err as Error).message.slice(0, 300)}` });
    return z.NEVER;
  }
});

/**
 * The deployment's identifier policy, as environment variables: every service that normalises an
 * identifier (intake for the suppression check, identity-graph for resolution and erasure) spreads
 * this into its config schema, so an identifier has one key everywhere. Two readings of the same
 * address would let an erased person's `+tag` address past suppression.
 */
export const identifierPolicyConfigSchema = {
  /** Region national phone numbers are read in. */
  DEFAULT_PHONE_REGION: z
    .string()
    .regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 country code such as US')
    .default('US')
    .transform((v) => v as CountryCode),
  /** JSON array adding identifier types or changing built-in ones' priority, limit, uniqueness. */
  IDENTIFIER_TYPES_CONFIG: identifierTypesConfig.default([]),
  EMAIL_DOT_INSENSITIVE_DOMAINS: domainList.default(['gmail.com', 'googlemail.com']),
  EMAIL_PLUS_INSENSITIVE_DOMAINS: domainList.default(['gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'icloud.com', 'fastmail.com']),
};

const policySchema = z.object(identifierPolicyConfigSchema);
export type IdentifierPolicyConfig = z.infer<typeof policySchema>;

/** The registry a deployment's identifier policy describes. */
export function identifierRegistryFrom(config: IdentifierPolicyConfig): IdentifierRegistry {
  return new IdentifierRegistry({
    defaultRegion: config.DEFAULT_PHONE_REGION,
    configured: config.IDENTIFIER_TYPES_CONFIG,
    email: { dotInsensitiveDomains: config.EMAIL_DOT_INSENSITIVE_DOMAINS, plusInsensitiveDomains: config.EMAIL_PLUS_INSENSITIVE_DOMAINS },
  });
}

/** The policy with every variable at its default (tests, tools): what an empty environment configures. */
export function defaultIdentifierPolicy(overrides: Partial<Record<keyof IdentifierPolicyConfig, string>> = {}): IdentifierPolicyConfig {
  return policySchema.parse(overrides);
}
