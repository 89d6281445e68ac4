import { requireRole, AuthError } from '@c360/auth';
import type { SubgraphContext } from '@c360/service-kit';
import { touchpointError } from '../errors';
import type { TouchpointIntake } from '../http/touchpoint-intake';

type TouchpointArg = Record<string, unknown> & { occurredAt: Date; identifiers: Record<string, string | null> };

/** GraphQL gives Dates and nulls; the contract (shared with the HTTP endpoint) wants ISO strings and absent keys. */
function toContractShape(item: TouchpointArg): Record<string, unknown> {
  const withoutNulls = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
  return { ...withoutNulls(item), occurredAt: item.occurredAt.toISOString(), identifiers: withoutNulls(item.identifiers) };
}

export function createRecordTouchpointsResolver(intake: TouchpointIntake) {
  return async (_: unknown, args: { input: TouchpointArg[] }, ctx: SubgraphContext) => {
    try {
      requireRole(ctx.caller, ['service', 'marketer']);
    } catch (err) {
      if (err instanceof AuthError) throw touchpointError('FORBIDDEN', err.message);
      throw err;
    }
    const receipt = await intake.submit(args.input.map(toContractShape));
    return { ...receipt, results: receipt.results.map((r) => ({ ...r, status: r.status.toUpperCase(), reason: 'reason' in r ? r.reason : null })) };
  };
}
