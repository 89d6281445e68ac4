import { dropDatabase, testStack, uniqueName } from '@c360/testing';
import type { Connection } from 'mongoose';
import { CustomerIdentityView, type IdentityFact } from './customer-identity-view';
import { connectMongo } from './mongo';

const stack = testStack();
const dbName = uniqueName('identity-view');
let connection: Connection;
let view: CustomerIdentityView;

beforeAll(async () => {
  connection = await connectMongo(stack.MONGODB_URI, dbName);
  view = new CustomerIdentityView(connection);
  await view.ensureIndexes();
});

afterAll(async () => {
  await connection.close();
  await dropDatabase(stack.MONGODB_URI, dbName);
});

const at = (day: number) => new Date(Date.UTC(2026, 5, day));
const fact = (customerId: string, mergedIds: string[], day: number): IdentityFact => ({ customerId, mergedIds, at: at(day), survivor: true });
const stored = async (id: string) => connection.collection<{ _id: string; survivorId: string; asOf: Date }>('customer_aliases').findOne({ _id: id });

/** Every order of a list (small lists only). */
function orders<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => orders([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe('CustomerIdentityView on MongoDB', () => {
  it('records a lineage once: a repeated lineage rewrites nothing, a merge into another survivor re-aliases, an older one does not', async () => {
    const [a, b, s1, s2, s3] = ['a', 'b', 's1', 's2', 's3'].map((x) => uniqueName(x));
    await view.record([fact(s1!, [a!, b!, s1!], 2)]);
    expect(await view.survivorsOf([a!, b!, s1!])).toEqual(
      new Map([
        [a, s1],
        [b, s1],
        [s1, s1],
      ]),
    );

    await view.record([fact(s1!, [a!, b!], 5)]);
    expect((await stored(a!))?.asOf).toEqual(at(2));

    await view.record([fact(s2!, [a!, s1!], 6), fact(s3!, [b!], 1)]);
    expect(await view.survivorsOf([a!, b!, s1!])).toEqual(
      new Map([
        [a, s2],
        [b, s1],
        [s1, s2],
      ]),
    );
    expect((await stored(a!))?.asOf).toEqual(at(6));
    expect((await view.expand(s2!)).sort()).toEqual([a, s1, s2].sort());
  });

  it('ends as identity-graph said last, whatever order merge and split facts arrive in', async () => {
    // r and x merge into t (day 2); the split on day 4 gives r back with x; y joins t on day 5.
    for (const order of orders(['merge', 'split', 'survivor', 'later'] as const)) {
      const [t, r, x, y] = ['t', 'r', 'x', 'y'].map((p) => uniqueName(p)) as [string, string, string, string];
      const facts = { merge: fact(t, [r, x], 2), split: fact(r, [x], 4), survivor: fact(t, [], 4), later: fact(t, [y], 5) };
      for (const step of order) await view.record([facts[step]]);
      expect([order, await view.survivorsOf([t, r, x, y])]).toEqual([
        order,
        new Map([
          [t, t],
          [r, r],
          [x, r],
          [y, t],
        ]),
      ]);
      expect([order, (await view.expand(t)).sort()]).toEqual([order, [t, y].sort()]);
      expect([order, (await view.expand(r)).sort()]).toEqual([order, [r, x].sort()]);
    }
  });

  it('takes a link as news of merges only: a link naming a customer merged away since does not restore it', async () => {
    const [s, a] = [uniqueName('s'), uniqueName('a')];
    await view.record([fact(s, [a], 2)]);
    await view.record([{ customerId: a, mergedIds: [], at: at(3), survivor: false }]);
    expect(await view.survivorOf(a)).toBe(s);
  });

  it('gives each of several people their lineage in one read, as expand does one at a time', async () => {
    const [a, b, c, x, y] = ['a', 'b', 'c', 'x', 'y'].map((n) => uniqueName(`lin-${n}`)) as [string, string, string, string, string];
    await view.record([fact(a, [b, c], 3), fact(x, [y], 3)]);
    const lineages = await view.lineagesOf([a, x, y]);
    expect(lineages.get(a)?.sort()).toEqual([a, b, c].sort());
    expect(lineages.get(a)?.[0]).toBe(a);
    expect(lineages.get(x)).toEqual([x, y]);
    // An id merged away has no lineage of its own to read.
    expect(lineages.get(y)).toEqual([y]);
    for (const id of [a, x]) expect((await view.expand(id)).sort()).toEqual(lineages.get(id)?.sort());
  });

  it('forgets an erased person, and nobody else', async () => {
    const [t, r, other] = ['t', 'r', 'o'].map((p) => uniqueName(p)) as [string, string, string];
    await view.record([fact(t, [r], 1), fact(other, [], 1)]);
    expect(await view.countForCustomers([t, r])).toBe(2);
    expect(await view.eraseCustomers([t, r])).toBe(2);
    expect(await view.countForCustomers([t, r])).toBe(0);
    expect(await view.survivorOf(other)).toBe(other);
    expect(await view.countForCustomers([other])).toBe(1);
  });
});
