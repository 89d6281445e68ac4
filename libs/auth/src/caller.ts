import { z } from 'zod';

export const ROLES = ['analyst', 'marketer', 'support', 'compliance', 'partner', 'service'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Who is calling, as established by the gateway (or by an ingest endpoint) from a verified token. */
export interface Caller {
  subject: string;
  roles: Role[];
  scopes: string[];
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

export function requireRole(caller: Caller, allowed: readonly Role[]): void {
  if (!caller.roles.some((role) => allowed.includes(role))) {
    throw new AuthError('FORBIDDEN', `requires one of the roles: ${allowed.join(', ')}`);
  }
}
