import { dropDatabase, testStack, uniqueName } from '@c360/testing';
import type { Connection } from 'mongoose';
import { connectMongo } from './mongo';
import { TouchFactRepository } from './touch-facts';

const db = uniqueName('c360_test_touch_facts');
let mongo: Connection;
let touches: TouchFactRepository;

beforeAll(async () => {
  mongo = await connectMongo(testStack().MONGODB_URI, db);
  touches = new TouchFactRepository(mongo);
  await touches.ensureIndexes();
});

afterAll(async () => {
  await mongo.close();
  await dropDatabase(testStack().MONGODB_URI, db);
});

describe('touches per channel', () => {
  const at = (day: number) => new Date(Date.UTC(2026, 2, day, 9));
  const [survivor, absorbed, other] = [uniqueName('s'), uniqueName('a'), uniqueName('o')];

  beforeAll(() =>
    touches.recordUpdates([
      {
        customerId: survivor,
        version: 1,
        mergedCustomerIds: [],
        updatedAt: at(9).toISOString(),
        touchpoints: [
          { messageId: uniqueName('m'), channel: 'web', occurredAt: at(3).toISOString() },
          { messageId: uniqueName('m'), channel: 'email', occurredAt: at(5).toISOString() },
        ],
      },
      {
        customerId: absorbed,
        version: 1,
        mergedCustomerIds: [],
        updatedAt: at(9).toISOString(),
        touchpoints: [
          { messageId: uniqueName('m'), channel: 'web', occurredAt: at(1).toISOString() },
          { messageId: uniqueName('m'), channel: 'web', occurredAt: at(7).toISOString() },
        ],
      },
      {
        customerId: other,
        version: 1,
        mergedCustomerIds: [],
        updatedAt: at(9).toISOString(),
        touchpoints: [{ messageId: uniqueName('m'), channel: 'store', occurredAt: at(2).toISOString() }],
      },
    ]),
  );

  const sorted = <T extends { channel: string }>(xs: T[]) => [...xs].sort((a, b) => a.channel.localeCompare(b.channel));

  it('folds every id of a lineage into its person, per channel, for many people in one read', async () => {
    const many = await touches.perChannelOfMany(
      new Map([
        [survivor, [survivor, absorbed]],
        [other, [other]],
        [uniqueName('n'), [uniqueName('n')]],
      ]),
    );
    expect(sorted(many.get(survivor) ?? [])).toEqual([
      { channel: 'email', touchCount: 1, firstSeenAt: at(5), lastSeenAt: at(5) },
      { channel: 'web', touchCount: 3, firstSeenAt: at(1), lastSeenAt: at(7) },
    ]);
    expect(many.get(other)).toEqual([{ channel: 'store', touchCount: 1, firstSeenAt: at(2), lastSeenAt: at(2) }]);
    expect([...many.values()].filter((v) => v.length === 0)).toHaveLength(1);
  });

  it('answers the touches of a set of ids together (perChannel, one person)', async () => {
    expect(sorted(await touches.perChannel([absorbed, other]))).toEqual([
      { channel: 'store', touchCount: 1, firstSeenAt: at(2), lastSeenAt: at(2) },
      { channel: 'web', touchCount: 2, firstSeenAt: at(1), lastSeenAt: at(7) },
    ]);
  });
});
