import { AuthError, requireRole, type Caller, type Role } from '@c360/auth';
import { GraphQLError } from 'graphql';

/** identity-graph's error codes, mapped to GraphQL errors in one place. */
export type IdentityErrorCode = 'BAD_USER_INPUT' | 'FORBIDDEN' | 'NOT_FOUND' | 'IDENTITY_CONFLICT';

export function identityError(code: IdentityErrorCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...(code === 'FORBIDDEN' ? { http: { status: 403 } } : {}) } });
}

/** requireRole, with its refusal as this service's FORBIDDEN error. */
export function authorise(caller: Caller, roles: readonly Role[]): void {
  try {
    requireRole(caller, roles);
  } catch (err) {
    if (err instanceof AuthError) throw identityError('FORBIDDEN', err.message);
    throw err;
  }
}
