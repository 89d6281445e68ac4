import { dropDatabase, testStack, uniqueName } from '@c360/testing';
import type { Connection } from 'mongoose';
import { connectMongo, CustomerAliasRepository } from './mongo';

const stack = testStack();
const dbName = uniqueName('aliases');
let connection: Connection;
let aliases: CustomerAliasRepository;

beforeAll(async () => {
  connection = await connectMongo(stack.MONGODB_URI, dbName);
  aliases = new CustomerAliasRepository(connection);
  await aliases.ensureIndexes();
});

afterAll(async () => {
  await connection.close();
  await dropDatabase(stack.MONGODB_URI, dbName);
});

const at = (day: number) => new Date(Date.UTC(2026, 5, day));
const stored = async (id: string) => connection.collection<{ _id: string; survivorId: string; mergedAt: Date }>('customer_aliases').findOne({ _id: id });

describe('CustomerAliasRepository on MongoDB', () => {
  it('records a merge once: a repeated lineage rewrites nothing, a merge into another survivor re-aliases, an older one does not', async () => {
    await aliases.recordMerge('s1', ['a', 'b', 's1'], at(2));
    expect(await aliases.survivorsOf(['a', 'b', 's1'])).toEqual(new Map([['a', 's1'], ['b', 's1'], ['s1', 's1']]));
    expect(await stored('s1')).toBeNull();

    await aliases.recordMerge('s1', ['a', 'b'], at(5));
    expect((await stored('a'))?.mergedAt).toEqual(at(2));

    await aliases.recordMerge('s2', ['a', 's1'], at(6));
    await aliases.recordMerge('s3', ['b'], at(1));
    expect(await aliases.survivorsOf(['a', 'b', 's1'])).toEqual(new Map([['a', 's2'], ['b', 's1'], ['s1', 's2']]));
    expect((await stored('a'))?.mergedAt).toEqual(at(6));
  });

  it('lets a split restore a customer, and a merge older than the split not undo it', async () => {
    await aliases.recordMerge('t1', ['r', 'x'], at(2));
    await aliases.recordSplit('r', ['x'], at(4));
    await aliases.recordMerge('t1', ['r'], at(3));
    expect(await aliases.survivorsOf(['r', 'x'])).toEqual(new Map([['r', 'r'], ['x', 'r']]));
  });
});
