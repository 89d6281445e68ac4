import { AuthError, requireRole, type Role } from '@c360/auth';
import type { SubgraphContext } from '@c360/service-kit';
import { governanceError } from '../errors';

/** Role check for a resolver, as a GraphQL FORBIDDEN error. */
export function authorise(ctx: SubgraphContext, roles: readonly Role[]): void {
  try {
    requireRole(ctx.caller, roles);
  } catch (err) {
    if (err instanceof AuthError) throw governanceError('FORBIDDEN', err.message);
    throw err;
  }
}
