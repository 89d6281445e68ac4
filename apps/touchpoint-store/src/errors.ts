import { AuthError, requireRole, type Caller, type Role } from '@c360/auth';
import { GraphQLError } from 'graphql';

/** touchpoint-store's error codes, mapped to GraphQL errors in one place. */
export type TouchpointErrorCode = 'BAD_USER_INPUT' | 'FORBIDDEN' | 'QUEUE_FULL';

export function touchpointError(code: TouchpointErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

/** Role checks at the edge: an AuthError becomes FORBIDDEN. */
export function requireRoles(caller: Caller, roles: readonly Role[]): void {
  try {
    requireRole(caller, roles);
  } catch (err) {
    if (err instanceof AuthError) throw touchpointError('FORBIDDEN', err.message);
    throw err;
  }
}

/**
 * Who may do what here. A customer's own touchpoints (journey, sessions, stage) carry personal data:
 * services, support agents, marketers and compliance officers may read them; analysts see only
 * aggregates (funnels, paths, cohorts) with no personal data; partners get neither.
 */
export const ROLES = {
  record: ['service', 'marketer'],
  // Analysts see a customer's journey pseudonymously: the @personal fields are masked for them.
  viewCustomer: ['service', 'support', 'marketer', 'compliance', 'analyst'],
  analytics: ['analyst', 'marketer', 'service'],
  // Quarantined items hold identifiers as received: only those who send data may inspect and fix them.
  manageSchemas: ['service', 'marketer'],
} as const satisfies Record<string, readonly Role[]>;
