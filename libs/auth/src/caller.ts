import { z } from 'zod';

export const ROLES = ['analyst', 'marketer', 'support', 'compliance', 'partner', 'service'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Who is calling, as established by the gateway (or by an ingest endpoint) from a verified token. */
export interface Caller {
  subject: string;
  roles: Role[];
  scopes: string[];
  /** Set for partner systems: the role `partner:<id>` names the partner the caller acts for. */
  partnerId?: string;
  /** When the access token runs out (epoch seconds); long-lived connections close then. */
  expiresAt?: number;
}

export class AuthError extends Error {
  constructor(
    readonly code: 'UNAUTHENTICATED' | 'FORBIDDEN',
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

const PARTNER_ROLE = /^partner:([A-Za-z0-9_-]{1,64})$/;

/**
 * Reads the `roles` claim: plain role names, and `partner:<id>` for a partner system. A token may
 * act for at most one partner, so one partner never sees another's subscriptions.
 */
export const rolesClaimSchema = z.array(z.string()).transform((values, ctx) => {
  const roles = new Set<Role>();
  const partners = new Set<string>();
  for (const value of values) {
    const partner = PARTNER_ROLE.exec(value);
    if (partner?.[1]) {
      roles.add('partner');
      partners.add(partner[1]);
      continue;
    }
    const role = roleSchema.safeParse(value);
    if (!role.success || role.data === 'partner') {
      ctx.addIssue({ code: 'custom', message: `unknown role ${value.slice(0, 40)}` });
      return z.NEVER;
    }
    roles.add(role.data);
  }
  if (partners.size > 1) {
    ctx.addIssue({ code: 'custom', message: 'a token acts for one partner at most' });
    return z.NEVER;
  }
  const [partnerId] = [...partners];
  return partnerId ? { roles: [...roles], partnerId } : { roles: [...roles] };
});

/** The `roles` claim for a caller, the inverse of rolesClaimSchema. */
export function rolesClaim(caller: Caller): string[] {
  return caller.roles.map((role) => (role === 'partner' && caller.partnerId ? `partner:${caller.partnerId}` : role));
}

export function requireRole(caller: Caller, allowed: readonly Role[]): void {
  if (!caller.roles.some((role) => allowed.includes(role))) {
    throw new AuthError('FORBIDDEN', `requires one of the roles: ${allowed.join(', ')}`);
  }
}
