import { randomUUID } from 'node:crypto';
import type { Channel, PersonTraits } from '@c360/contracts';
import neo4j from 'neo4j-driver';
import type { CandidateRecord, RecordMatcher } from '../domain/match-decision';
import { BatchPlanner, CANDIDATE_LIMIT, type BatchItem, type BatchWrites, type ResolutionOutcome } from '../domain/plan-batch';
import type { TypeRule } from '../domain/plan-resolution';
import * as b from './batch-resolution.cypher';
import { ABSORB_CUSTOMERS, RECORD_MERGES } from './merge.cypher';
import { lockOwners, type TxContext } from './merge-steps';

/** A touchpoint as resolution takes it: identifiers normalised, traits standardised and blocked. */
export interface ResolveRequest {
  messageId: string;
  channel: Channel;
  occurredAt: string;
  source: string | null;
  identifiers: readonly { key: string; type: string; value: string }[];
  traits: PersonTraits | null;
  /** The traits as sent (trimmed), shown in the golden record; `traits` is the form compared. */
  displayTraits: PersonTraits | null;
  /** Blocking keys of the traits: candidates for probabilistic matching share one. */
  blockKeys: readonly string[];
}

export interface BatchResolutionDeps {
  rules: (type: string) => TypeRule;
  matcher: RecordMatcher;
}

const BY = 'identity-resolver';

/** Writes a planned batch, each kind of change in one statement, in an order where every row finds what it refers to. */
async function writePlanned(ctx: TxContext, requests: ReadonlyMap<string, ResolveRequest>, writes: BatchWrites): Promise<void> {
  const { tx, now } = ctx;
  const run = async (statement: string, param: string, rows: readonly unknown[]) => {
    if (rows.length > 0) await tx.run(statement, { [param]: rows, now });
  };
  const requestOf = (messageId: string): ResolveRequest => {
    const request = requests.get(messageId);
    if (!request) throw new Error(`planned touchpoint ${messageId} is not in the batch`);
    return request;
  };
  await run(b.WRITE_CUSTOMERS, 'customers', writes.customers);
  // Before the links: absorbing moves what the customers held before this batch; what the batch adds goes straight to its holder.
  await run(ABSORB_CUSTOMERS, 'absorbed', writes.absorbed);
  await run(b.LINK_IDENTIFIERS, 'links', writes.links);
  const touchpoints = writes.touchpoints.map((p) => {
    const r = requestOf(p.messageId);
    const traits = r.traits ? JSON.stringify(r.traits) : null;
    return {
      ...p,
      channel: r.channel,
      source: r.source,
      occurredAt: r.occurredAt,
      traits,
      displayTraits: r.displayTraits ? JSON.stringify(r.displayTraits) : null,
    };
  });
  await run(b.ATTACH_TOUCHPOINTS, 'touchpoints', touchpoints);
  await run(
    b.ADD_TO_BLOCKS,
    'entries',
    [...writes.blockEntries].sort((x, y) => x.key.localeCompare(y.key)),
  );
  await run(
    RECORD_MERGES,
    'merges',
    writes.merges.map((m) => ({ ...m, by: BY })),
  );
  await run(
    b.RECORD_CONFLICTS,
    'conflicts',
    writes.conflicts.map((c) => ({ ...c, id: randomUUID() })),
  );
  await run(
    b.OPEN_REVIEWS,
    'reviews',
    writes.reviews.map((r) => ({ ...r, id: randomUUID() })),
  );
}

/** Locks the blocks the batch's records may be matched in and reads the records stored there. */
async function readBlocks(ctx: TxContext, blockKeys: readonly string[]): Promise<Map<string, CandidateRecord[]>> {
  if (blockKeys.length === 0) return new Map();
  const res = await ctx.tx.run(b.BLOCK_CANDIDATES, { blockKeys: [...new Set(blockKeys)].sort(), limit: neo4j.int(CANDIDATE_LIMIT), now: ctx.now });
  return new Map(
    res.records.map((r) => [
      r.get('key') as string,
      (r.get('records') as { messageId: string; customerId: string; traits: string }[]).map((c) => ({ ...c, traits: JSON.parse(c.traits) as PersonTraits })),
    ]),
  );
}

/**
 * Resolves a batch in one transaction with a handful of set-wise statements: touchpoints and
 * identifiers opened together, their owners locked and read together, the blocks of records that
 * may be matched probabilistically locked and read together, the whole batch planned in memory —
 * merges, conflicts and reviews included — and written together. Only a probabilistic match with a
 * customer not yet read costs a round trip more.
 */
export async function resolveBatchInTx(ctx: TxContext, requests: readonly ResolveRequest[], deps: BatchResolutionDeps): Promise<ResolutionOutcome[]> {
  const { tx, now } = ctx;
  const messageIds = [...new Set(requests.map((r) => r.messageId))].sort();
  const opened = await tx.run(b.OPEN_TOUCHPOINTS, { messageIds, now });
  const replayOf = new Map(opened.records.map((r) => [r.get('messageId') as string, r.get('replayOf') as string | null]));

  const identifiers = new Map<string, { key: string; type: string; value: string; links: boolean }>();
  for (const r of requests) {
    if (replayOf.get(r.messageId)) continue;
    for (const i of r.identifiers) identifiers.set(i.key, { ...i, links: deps.rules(i.type).links });
  }
  const ownerRows = await tx.run(b.OPEN_IDENTIFIERS, { identifiers: [...identifiers.values()].sort((x, y) => x.key.localeCompare(y.key)), now });
  const owners = new Map(ownerRows.records.map((r) => [r.get('key') as string, r.get('ownerId') as string | null]));
  const known = [...owners.values(), ...replayOf.values()].filter((id): id is string => id !== null);
  const customers = await lockOwners(ctx, known);

  const items: BatchItem[] = requests.map((r) => ({
    messageId: r.messageId,
    identifiers: r.identifiers.map((i) => ({ key: i.key, type: i.type })),
    traits: r.traits,
    blockKeys: r.blockKeys,
    replayOf: replayOf.get(r.messageId) ?? null,
  }));
  // Owners only ever gain identifiers during a batch, so only a record none of whose identifiers has
  // an owner now can become a new customer, the case matched probabilistically.
  const mayBeNew = (item: BatchItem) =>
    !item.replayOf && item.traits !== null && item.identifiers.every((i) => !owners.get(i.key) || !deps.rules(i.type).links);
  const blocks = await readBlocks(
    ctx,
    items.filter(mayBeNew).flatMap((i) => i.blockKeys),
  );

  const planner = new BatchPlanner({ owners, customers, blocks }, { rules: deps.rules, matcher: deps.matcher, newId: randomUUID, now: new Date(now) });
  for (const customer of (await lockOwners(ctx, planner.likelyMatches(items.filter(mayBeNew)))).values()) planner.know(customer);
  const read = new Set<string>();
  for (let needs = planner.planFrom(items, 0); needs; needs = planner.planFrom(items, needs.index)) {
    if (read.has(needs.customerId)) throw new Error(`planning asked twice for customer ${needs.customerId}`);
    read.add(needs.customerId);
    const customer = (await lockOwners(ctx, [needs.customerId])).get(needs.customerId);
    if (!customer) throw new Error(`customer ${needs.customerId} vanished during resolution`);
    planner.know(customer);
  }
  await writePlanned(ctx, new Map(requests.map((r) => [r.messageId, r])), planner.takeWrites());
  return [...planner.plannedOutcomes()];
}
