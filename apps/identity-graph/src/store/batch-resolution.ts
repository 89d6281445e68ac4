import { randomUUID } from 'node:crypto';
import { BatchPlanner, type BatchItem, type BatchWrites } from '../domain/plan-batch';
import type { TypeRule } from '../domain/plan-resolution';
import * as b from './batch-resolution.cypher';
import { lockOwners, type TxContext } from './resolve-steps';
import type { ResolutionOutcome, ResolveRequest } from './identity.repository';

export interface BatchResolutionDeps {
  rules: (type: string) => TypeRule;
  scopedKey: (key: string) => string;
  /** Resolves one touchpoint the full way (merges, conflicts, probabilistic matching) in the same transaction. */
  resolveOne: (ctx: TxContext, request: ResolveRequest) => Promise<ResolutionOutcome>;
}

async function writePlanned(ctx: TxContext, requests: ReadonlyMap<string, ResolveRequest>, writes: BatchWrites, scopedKey: (key: string) => string): Promise<void> {
  const { tx, now, ns } = ctx;
  const requestOf = (messageId: string): ResolveRequest => {
    const request = requests.get(messageId);
    if (!request) throw new Error(`planned touchpoint ${messageId} is not in the batch`);
    return request;
  };
  const fresh = writes.planned.filter((p) => p.kind !== 'replay');
  if (writes.customers.length > 0) await tx.run(b.WRITE_CUSTOMERS, { customers: writes.customers, now, ns });
  const links = fresh.flatMap((p) => p.linkKeys.map((key) => ({ customerId: p.customerId, key, messageId: p.messageId })));
  if (links.length > 0) await tx.run(b.LINK_IDENTIFIERS, { links, now });
  if (fresh.length === 0) return;
  const touchpoints = fresh.map((p) => {
    const r = requestOf(p.messageId);
    const traits = r.traits ? JSON.stringify(r.traits) : null;
    return { customerId: p.customerId, messageId: p.messageId, channel: r.channel, source: r.source, occurredAt: r.occurredAt, traits, displayTraits: r.displayTraits ? JSON.stringify(r.displayTraits) : null, rule: p.kind };
  });
  await tx.run(b.ATTACH_TOUCHPOINTS, { touchpoints });
  const entries = fresh.flatMap((p) => requestOf(p.messageId).blockKeys.map((k) => ({ key: scopedKey(k), messageId: p.messageId })));
  if (entries.length > 0) await tx.run(b.ADD_TO_BLOCKS, { entries: entries.sort((x, y) => x.key.localeCompare(y.key)), ns });
}

/**
 * Resolves a batch in one transaction with a handful of set-wise statements: touchpoints and
 * identifiers opened together, their owners locked and read together, and the touchpoints that only
 * create or join a customer (most of them) planned in memory and written together. A touchpoint that
 * merges customers, clashes or needs probabilistic matching is resolved on its own where it stands in
 * the order, and planning goes on from the state it left.
 */
export async function resolveBatchInTx(ctx: TxContext, requests: readonly ResolveRequest[], deps: BatchResolutionDeps): Promise<ResolutionOutcome[]> {
  const { tx, now, ns } = ctx;
  const messageIds = [...new Set(requests.map((r) => r.messageId))].sort();
  const opened = await tx.run(b.OPEN_TOUCHPOINTS, { messageIds, now, ns });
  const replayOf = new Map(opened.records.map((r) => [r.get('messageId') as string, r.get('replayOf') as string | null]));

  const identifiers = new Map<string, { key: string; type: string; value: string; links: boolean }>();
  for (const r of requests) {
    if (replayOf.get(r.messageId)) continue;
    for (const i of r.identifiers) identifiers.set(deps.scopedKey(i.key), { ...i, key: deps.scopedKey(i.key), links: deps.rules(i.type).links });
  }
  const ownerRows = await tx.run(b.OPEN_IDENTIFIERS, { identifiers: [...identifiers.values()].sort((x, y) => x.key.localeCompare(y.key)), now, ns });
  const owners = new Map(ownerRows.records.map((r) => [r.get('key') as string, r.get('ownerId') as string | null]));
  const known = [...owners.values(), ...replayOf.values()].filter((id): id is string => id !== null);
  const customers = await lockOwners(ctx, known);

  const items: BatchItem[] = requests.map((r) => ({
    messageId: r.messageId,
    identifiers: r.identifiers.map((i) => ({ key: deps.scopedKey(i.key), type: i.type })),
    hasTraits: r.traits !== null,
    matchesProbabilistically: r.traits !== null && r.blockKeys.length > 0,
    replayOf: replayOf.get(r.messageId) ?? null,
  }));
  const byMessageId = new Map(requests.map((r) => [r.messageId, r]));
  const planner = new BatchPlanner({ owners, customers }, deps.rules, randomUUID, new Date(now));
  const outcomes: ResolutionOutcome[] = [];
  for (let from = 0; from < requests.length; ) {
    const stoppedAt = planner.planFrom(items, from);
    const writes = planner.takeWrites();
    await writePlanned(ctx, byMessageId, writes, deps.scopedKey);
    outcomes.push(...writes.planned.map(({ customerId, version, lineage, changed, kind, skipped }) => ({ customerId, version, lineage: [...lineage], changed, kind, skipped, conflicts: [] })));
    if (stoppedAt === null) break;
    const request = requests[stoppedAt];
    if (!request) throw new Error(`the planner stopped at ${stoppedAt}, past the batch`);
    const outcome = await deps.resolveOne(ctx, request);
    outcomes.push(outcome);
    const settled = (await lockOwners(ctx, [outcome.customerId])).get(outcome.customerId);
    if (!settled) throw new Error(`customer ${outcome.customerId} vanished during resolution`);
    planner.settle(request.messageId, settled);
    from = stoppedAt + 1;
  }
  return outcomes;
}
