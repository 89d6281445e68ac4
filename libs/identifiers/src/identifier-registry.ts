import { CONFIGURED_IDENTIFIER_TYPE, type IdentifierType } from '@c360/contracts';
import type { CountryCode } from 'libphonenumber-js';
import { z } from 'zod';
import { DEFAULT_EMAIL_OPTIONS, normaliseEmail, type EmailOptions } from './email.normaliser';
import { normalisePhone } from './phone.normaliser';
import { normalisePostalAddress } from './postal-address.normaliser';

export type NormalisedIdentifier = { type: string; value: string; key: string };
export type NormaliseResult = { ok: true; identifier: NormalisedIdentifier } | { ok: false; type: string; reason: string };

export interface IdentifierTypeDefinition {
  type: string;
  /** Higher wins: the owner of the highest-priority identifier gets a touchpoint when owners cannot merge. */
  priority: number;
  /** At most this many values per customer. */
  limit: number;
  /** Two customers holding different values never merge automatically (crmId, accountId). */
  unique: boolean;
  /** Whether a shared value links records deterministically; a postal address is shared by a household, so it does not. */
  links: boolean;
  normalise: (raw: string) => string | { reason: string };
}

/** How a deployment adds a type or changes a built-in one (IDENTIFIER_TYPES_CONFIG, JSON). */
export const identifierTypeConfigSchema = z
  .object({
    type: z.string().regex(CONFIGURED_IDENTIFIER_TYPE),
    priority: z.number().int().min(0).max(1000).optional(),
    limit: z.number().int().min(1).max(10_000).optional(),
    unique: z.boolean().optional(),
    links: z.boolean().optional(),
    /** For new types: a regular expression the normalised value must match. */
    pattern: z.string().max(200).optional(),
    /** For new types: compare values case-insensitively (stored lower-cased). */
    caseInsensitive: z.boolean().optional(),
  })
  .strict();
export type IdentifierTypeConfig = z.infer<typeof identifierTypeConfigSchema>;

export interface RegistryOptions {
  defaultRegion: CountryCode;
  email?: EmailOptions;
  configured?: readonly IdentifierTypeConfig[];
}

function opaque(raw: string): string | { reason: string } {
  return raw.trim();
}

function builtIns(options: RegistryOptions): Record<IdentifierType, IdentifierTypeDefinition> {
  const email = options.email ?? DEFAULT_EMAIL_OPTIONS;
  const def = (type: IdentifierType, priority: number, limit: number, normalise: IdentifierTypeDefinition['normalise'], unique = false, links = true) => ({
    type,
    priority,
    limit,
    unique,
    links,
    normalise,
  });
  return {
    crmId: def('crmId', 100, 1, opaque, true),
    accountId: def('accountId', 95, 1, opaque, true),
    loyaltyId: def('loyaltyId', 80, 3, opaque),
    email: def('email', 70, 5, (raw) => normaliseEmail(raw, email)),
    phone: def('phone', 60, 5, (raw) => normalisePhone(raw, options.defaultRegion)),
    deviceId: def('deviceId', 40, 20, opaque),
    cookieId: def('cookieId', 20, 50, opaque),
    anonymousId: def('anonymousId', 10, 50, opaque),
    postalAddress: def('postalAddress', 5, 5, normalisePostalAddress, false, false),
  };
}

function configuredNormaliser(config: IdentifierTypeConfig): IdentifierTypeDefinition['normalise'] {
  const pattern = config.pattern ? new RegExp(config.pattern) : null;
  return (raw) => {
    const value = config.caseInsensitive ? raw.trim().toLowerCase() : raw.trim();
    return pattern && !pattern.test(value) ? { reason: `does not match the ${config.type} pattern` } : value;
  };
}

/** The identifier types identity resolution knows, with their normalisers, priorities and limits. */
export class IdentifierRegistry {
  private readonly definitions = new Map<string, IdentifierTypeDefinition>();

  constructor(options: RegistryOptions) {
    for (const definition of Object.values(builtIns(options))) this.definitions.set(definition.type, definition);
    for (const config of options.configured ?? []) {
      const base = this.definitions.get(config.type);
      this.definitions.set(config.type, {
        type: config.type,
        priority: config.priority ?? base?.priority ?? 50,
        limit: config.limit ?? base?.limit ?? 10,
        unique: config.unique ?? base?.unique ?? false,
        links: config.links ?? base?.links ?? true,
        normalise: base && !config.pattern && config.caseInsensitive === undefined ? base.normalise : configuredNormaliser(config),
      });
    }
  }

  definition(type: string): IdentifierTypeDefinition | undefined {
    return this.definitions.get(type);
  }

  types(): IdentifierTypeDefinition[] {
    return [...this.definitions.values()].sort((a, b) => b.priority - a.priority || a.type.localeCompare(b.type));
  }

  normalise(type: string, raw: string): NormaliseResult {
    const definition = this.definitions.get(type);
    if (!definition) return { ok: false, type, reason: 'unknown identifier type' };
    if (!raw.trim()) return { ok: false, type, reason: 'empty value' };
    const value = definition.normalise(raw);
    if (typeof value !== 'string') return { ok: false, type, reason: value.reason };
    return { ok: true, identifier: { type, value, key: `${type}:${value}` } };
  }
}

/** Parses IDENTIFIER_TYPES_CONFIG (a JSON array); throws naming what is wrong. */
export function parseIdentifierTypesConfig(json: string): IdentifierTypeConfig[] {
  return z.array(identifierTypeConfigSchema).parse(JSON.parse(json));
}
