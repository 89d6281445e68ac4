import { QUEUES, type TouchpointInput } from '@c360/contracts';
import { connectMongo, createLogger, type RunningService } from '@c360/service-kit';
import { dropDatabase, testStack } from '@c360/testing';
import type { Connection } from 'mongoose';
import { startTouchpointStore } from '../service';
import { TouchpointRepository } from '../store/touchpoint.repository';
import { postBatch, testConfig, token, touchpoint } from '../testing/touchpoint-fixtures';

// Items that were once answered `accepted` and then never linked to anyone: intake refuses them now,
// with a reason, so no later stage meets what it cannot process.
const config = testConfig();
let service: RunningService;
let mongo: Connection;
let touchpoints: TouchpointRepository;

beforeAll(async () => {
  service = await startTouchpointStore(config, createLogger('tp-test', 'silent'));
  mongo = await connectMongo(config.MONGODB_URI, config.MONGODB_DB);
  touchpoints = new TouchpointRepository(mongo);
});

afterAll(async () => {
  await service.close();
  await mongo.close();
  await dropDatabase(testStack().MONGODB_URI, config.MONGODB_DB);
});

const withId = (t: TouchpointInput, messageId: string): TouchpointInput => ({ ...t, messageId });

describe('intake refuses what a later stage could not process', () => {
  it('refuses a sentAt in the year 9999 (skew correction would move occurredAt out of range), and stores nothing of it', async () => {
    const far = touchpoint({ sentAt: '9999-01-01T00:00:00.000Z', occurredAt: new Date().toISOString() });
    const good = touchpoint({ occurredAt: new Date().toISOString() });
    const res = await postBatch(service.url, [far, good], await token());
    expect(res.status).toBe(200);
    expect(res.body.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^TIME_OUT_OF_RANGE: sentAt 9999/) });
    expect(res.body.results[1]).toMatchObject({ status: 'accepted' });
    await waitForStored([good.messageId]);
    expect(await touchpoints.countByIds([far.messageId])).toBe(0);
  });

  it('refuses an occurredAt before the window, and one the clock-skew correction pushes past it', async () => {
    const now = Date.now();
    const old = touchpoint({ occurredAt: '1970-01-01T00:00:00.000Z' });
    // Sender clock ten days behind: occurredAt (now) would be moved ten days ahead.
    const pushed = touchpoint({ occurredAt: new Date(now).toISOString(), sentAt: new Date(now - 10 * 86400_000).toISOString() });
    const res = await postBatch(service.url, [old, pushed], await token());
    expect(res.body.results.map((r) => r.reason)).toEqual([
      expect.stringMatching(/occurredAt 1970.* is before 1990/),
      expect.stringMatching(/occurredAt \(corrected for clock skew\)/),
    ]);
  });

  it('refuses messageIds with lone surrogates instead of storing them collapsed into one id', async () => {
    const base = touchpoint();
    const items = ['\udfff\ud800', '\ud800\udfff\udfff', `x\ud800${base.messageId}`].map((id) => withId(touchpoint(), id));
    const res = await postBatch(service.url, items, await token());
    expect(res.body).toMatchObject({ accepted: 0, rejected: 3 });
    for (const r of res.body.results) expect(r.reason).toMatch(/messageId: must be well-formed Unicode/);
  });

  it('refuses lone surrogates in identifiers, property keys and values, traits and text, naming the field', async () => {
    const items = [
      touchpoint({ identifiers: { anonymousId: 'anon\udc00' } }),
      touchpoint({ properties: { ['k\ud800']: 1 } }),
      touchpoint({ properties: { nested: { v: 'a\udfff' } } }),
      touchpoint({ type: 'visit', channel: 'store', traits: { firstName: 'Ad\ud800a', surname: 'Lovelace' } }),
      touchpoint({ text: 'said \udfff' }),
    ];
    const res = await postBatch(service.url, items, await token());
    expect(res.body.results.map((r) => r.reason?.split(':')[0])).toEqual([
      'identifiers.anonymousId',
      'properties.k\ud800',
      'properties.nested.v',
      'traits.firstName',
      'text',
    ]);
    await new Promise((r) => setTimeout(r, 500));
    expect(await touchpoints.countByIds(items.map((t) => t.messageId))).toBe(0);
  });

  it('stores the touchpoints it accepted with their ids exactly as sent', async () => {
    const emoji = withId(touchpoint(), `m-😀-𠀋-${Date.now()}`);
    const res = await postBatch(service.url, [emoji], await token());
    expect(res.body.accepted).toBe(1);
    const [stored] = await waitForStored([emoji.messageId]);
    expect(stored?._id).toBe(emoji.messageId);
  });
});

async function waitForStored(ids: string[]) {
  for (let i = 0; i < 150; i++) {
    const found = await touchpoints.findByIds(ids);
    if (found.length === ids.length) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not stored: ${ids.join(', ')} (queue ${QUEUES.touchpointIngest})`);
}
