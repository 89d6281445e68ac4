import { connectMongo, CustomerIdentityView } from '@c360/service-kit';
import { dropDatabase, testStack, uniqueName } from '@c360/testing';
import type { Job } from 'bullmq';
import type { Connection } from 'mongoose';
import { TouchpointRepository } from '../store/touchpoint.repository';
import { storeLinked, touchpoint } from '../testing/touchpoint-fixtures';
import { createLinkProcessor } from './link-touchpoint.processor';

const db = uniqueName('c360_test_tp_link');
let mongo: Connection;
let touchpoints: TouchpointRepository;
let identities: CustomerIdentityView;
let link: ReturnType<typeof createLinkProcessor>;

beforeAll(async () => {
  mongo = await connectMongo(testStack().MONGODB_URI, db);
  touchpoints = new TouchpointRepository(mongo);
  identities = new CustomerIdentityView(mongo);
  await Promise.all([touchpoints.ensureIndexes(), identities.ensureIndexes()]);
  link = createLinkProcessor(touchpoints, identities);
});

afterAll(async () => {
  await mongo.close();
  await dropDatabase(testStack().MONGODB_URI, db);
});

const job = (data: object) => ({ data }) as Job;
const owners = async (ids: string[]) => (await touchpoints.findByIds(ids)).map((d) => [d._id, d.customerId]).sort();

describe('touchpoint-link', () => {
  it('moves the touchpoints of merged customers onto the survivor, and links late ones to the survivor', async () => {
    const [survivor, absorbed] = [uniqueName('c'), uniqueName('c')];
    const old = touchpoint();
    await storeLinked(touchpoints, absorbed, [old]);
    const fresh = touchpoint();
    await touchpoints.insertOnce(fresh, new Date());
    await link(job({ messageId: fresh.messageId, customerId: survivor, mergedCustomerIds: [absorbed], linkedAt: new Date().toISOString() }));
    expect(await owners([old.messageId, fresh.messageId])).toEqual(
      [
        [old.messageId, survivor],
        [fresh.messageId, survivor],
      ].sort(),
    );

    // A link resolved before the merge but delivered after it names the absorbed customer.
    const late = touchpoint();
    await touchpoints.insertOnce(late, new Date());
    await link(job({ messageId: late.messageId, customerId: absorbed, mergedCustomerIds: [], linkedAt: new Date().toISOString() }));
    expect(await owners([late.messageId])).toEqual([[late.messageId, survivor]]);
  });

  it('fails (to be retried) when the touchpoint is not stored yet', async () => {
    await expect(link(job({ messageId: uniqueName('m'), customerId: 'c', mergedCustomerIds: [], linkedAt: new Date().toISOString() }))).rejects.toThrow(
      'not stored',
    );
  });

  it('links a batch in one go: a merge later in the batch carries the earlier touchpoints of the absorbed customer along', async () => {
    const [survivor, absorbed, other] = [uniqueName('c'), uniqueName('c'), uniqueName('c')];
    const [a, b, c] = [touchpoint(), touchpoint(), touchpoint()];
    for (const t of [a, b, c]) await touchpoints.insertOnce(t, new Date());
    const linkedAt = new Date().toISOString();
    await link(
      job({
        items: [
          { messageId: a.messageId, customerId: absorbed, mergedCustomerIds: [], linkedAt },
          { messageId: b.messageId, customerId: other, mergedCustomerIds: [], linkedAt },
          { messageId: c.messageId, customerId: survivor, mergedCustomerIds: [absorbed], linkedAt },
        ],
      }),
    );
    expect(await owners([a.messageId, b.messageId, c.messageId])).toEqual(
      [
        [a.messageId, survivor],
        [b.messageId, other],
        [c.messageId, survivor],
      ].sort(),
    );
  });

  it('links the stored touchpoints of a batch and fails it (to be retried) for one not stored yet', async () => {
    const stored = touchpoint();
    await touchpoints.insertOnce(stored, new Date());
    const customerId = uniqueName('c');
    const linkedAt = new Date().toISOString();
    const batch = job({
      items: [
        { messageId: stored.messageId, customerId, mergedCustomerIds: [], linkedAt },
        { messageId: uniqueName('m'), customerId, mergedCustomerIds: [], linkedAt },
      ],
    });
    await expect(link(batch)).rejects.toThrow('1 of 2 touchpoints to link are not stored');
    expect(await owners([stored.messageId])).toEqual([[stored.messageId, customerId]]);
  });
});
