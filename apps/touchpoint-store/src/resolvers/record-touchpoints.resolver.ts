import { touchpointError } from '../errors';
import { QueueFullError, type IntakeReceipt, type TouchpointIntake } from '../http/touchpoint-intake';

type TouchpointArg = Record<string, unknown> & { occurredAt: Date; sentAt?: Date | null; identifiers?: Record<string, string | null> | null };

const withoutNulls = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));

/** GraphQL gives Dates and nulls; the contract (shared with the HTTP endpoint) wants ISO strings and absent keys. */
function toContractShape(item: TouchpointArg): Record<string, unknown> {
  return withoutNulls({ ...item, occurredAt: item.occurredAt.toISOString(), sentAt: item.sentAt?.toISOString(), identifiers: withoutNulls(item.identifiers ?? {}) });
}

export function toGraphQLReceipt(receipt: IntakeReceipt) {
  return { ...receipt, results: receipt.results.map((r) => ({ ...r, status: r.status.toUpperCase(), reason: 'reason' in r ? r.reason : null })) };
}

export function createRecordTouchpointsResolver(intake: TouchpointIntake) {
  return async (_: unknown, args: { input: TouchpointArg[] }) => {
    try {
      return toGraphQLReceipt(await intake.submit(args.input.map(toContractShape)));
    } catch (err) {
      if (err instanceof QueueFullError) throw touchpointError('QUEUE_FULL', err.message, { retryAfterSeconds: err.retryAfterSeconds });
      throw err;
    }
  };
}
