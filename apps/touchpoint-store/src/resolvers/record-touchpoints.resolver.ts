import { toGraphQLEnum } from '@c360/service-kit';
import type { MutationResolvers, TouchpointInput } from '../__generated__/resolvers-types';
import { touchpointError } from '../errors';
import { QueueFullError, type IntakeReceipt, type TouchpointIntake } from '../intake/touchpoint-intake';

const withoutNulls = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));

/** GraphQL gives Dates and nulls; the contract (shared with the HTTP endpoint) wants ISO strings and absent keys. */
function toContractShape(item: TouchpointInput): Record<string, unknown> {
  return withoutNulls({
    ...item,
    occurredAt: item.occurredAt.toISOString(),
    sentAt: item.sentAt?.toISOString(),
    identifiers: withoutNulls(item.identifiers ?? {}),
  });
}

export function toGraphQLReceipt(receipt: IntakeReceipt) {
  return { ...receipt, results: receipt.results.map((r) => ({ ...r, status: toGraphQLEnum(r.status), reason: 'reason' in r ? r.reason : null })) };
}

export function createRecordTouchpointsResolver(intake: TouchpointIntake): MutationResolvers['recordTouchpoints'] {
  return async (_, args) => {
    try {
      return toGraphQLReceipt(await intake.submit(args.input.map(toContractShape)));
    } catch (err) {
      if (err instanceof QueueFullError) throw touchpointError('QUEUE_FULL', err.message, { retryAfterSeconds: err.retryAfterSeconds });
      throw err;
    }
  };
}
