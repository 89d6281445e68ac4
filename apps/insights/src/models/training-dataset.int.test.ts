import { grantingProfile, startStaticConsentService, ConsentClient, type StaticConsentService } from '@c360/consent-client';
import { connectMongo, createRedisConnection, CustomerIdentityView, type RedisClient } from '@c360/service-kit';
import { dropDatabase, TEST_SECRET, testStack, uniqueName } from '@c360/testing';
import type { Connection } from 'mongoose';
import { FeatureFactsRepository } from '../features/feature-facts.repository';
import { DAY, updateWith } from '../testing/prediction-fixtures';
import { buildTrainingRows, labelRows } from './training-dataset';

const stack = testStack();
const db = uniqueName('c360_test_insights_pit');
let mongo: Connection;
let redis: RedisClient;
let governance: StaticConsentService;
let consent: ConsentClient;
let facts: FeatureFactsRepository;
let identities: CustomerIdentityView;

beforeAll(async () => {
  mongo = await connectMongo(stack.MONGODB_URI, db);
  redis = createRedisConnection(stack.REDIS_URL);
  governance = await startStaticConsentService(grantingProfile(['profiling']));
  consent = new ConsentClient({
    governanceUrl: governance.url,
    internalTokenSecret: TEST_SECRET,
    caller: 'test',
    redis,
    queuePrefix: uniqueName('t'),
    maxStaleMs: 60_000,
    timeoutMs: 2_000,
  });
  await consent.start();
  facts = new FeatureFactsRepository(mongo);
  identities = new CustomerIdentityView(mongo);
  await Promise.all([facts.ensureIndexes(), identities.ensureIndexes()]);
});

afterAll(async () => {
  await consent.close();
  await governance.close();
  await redis.quit();
  await mongo.close();
  await dropDatabase(stack.MONGODB_URI, db);
});

describe('training rows as of a cutoff', () => {
  const cutoff = new Date('2026-02-01T00:00:00Z');
  const labelUntil = new Date(cutoff.getTime() + 30 * DAY);
  const at = (days: number) => new Date(cutoff.getTime() + days * DAY);

  it('never read the future: a touchpoint or trait after the cutoff changes nothing in the row, only its label', async () => {
    const [a, b] = [uniqueName('c'), uniqueName('c')];
    await facts.recordUpdate(updateWith(a, [{ at: at(-3), channel: 'web', eventKey: 'Product Viewed', attributes: { plan: 'basic', tenure: ' 12' } }]));
    await facts.recordUpdate(updateWith(b, [{ at: at(-50), channel: 'store', type: 'purchase', eventKey: 'Order Completed', amount: 40 }]));
    const deps = { facts, identities, consent };
    const mine = (rows: Awaited<ReturnType<typeof buildTrainingRows>>) =>
      rows.filter((r) => r.customerId === a || r.customerId === b).sort((x, y) => x.customerId.localeCompare(y.customerId));
    const before = mine(await buildTrainingRows(deps, cutoff, labelUntil));
    expect(before.map((r) => r.customerId)).toEqual([a, b].sort());
    expect(labelRows(before, { kind: 'churn' })).toEqual([1, 1]);
    expect(before.find((r) => r.customerId === a)!.features['trait.tenure']).toBe(12);

    // After the cutoff: a purchase, a store visit, a new plan. The label sees them; the features must not.
    await facts.recordUpdate(
      updateWith(a, [
        { at: at(2), channel: 'store', type: 'purchase', eventKey: 'Order Completed', amount: 900, attributes: { plan: 'premium', tenure: 13 } },
        { at: at(40), channel: 'call_center', type: 'contact' },
      ]),
    );
    const after = mine(await buildTrainingRows(deps, cutoff, labelUntil));
    expect(after.map((r) => r.features)).toEqual(before.map((r) => r.features));
    expect(labelRows(after, { kind: 'churn' })).toEqual(a < b ? [0, 1] : [1, 0]);
    expect(labelRows(after, { kind: 'conversion', conversionEvent: 'Order Completed' })).toEqual(a < b ? [1, 0] : [0, 1]);
    // A horizon fact beyond labelUntil is in neither.
    expect(after.find((r) => r.customerId === a)!.outcome).toHaveLength(1);

    // A fact before the cutoff does change the row: the check above could fail.
    await facts.recordUpdate(updateWith(a, [{ at: at(-1), channel: 'app' }]));
    const changed = mine(await buildTrainingRows(deps, cutoff, labelUntil));
    expect(changed.find((r) => r.customerId === a)!.features['frequency_total']).toBe(2);
  });

  it('reads golden-record traits as they stood at the cutoff: a better-sourced value reported later is not in the row', async () => {
    const id = uniqueName('c');
    const reported = (days: number, source: string, profile: Record<string, string>) => {
      const event = updateWith(id, [{ at: at(days), channel: 'web' }]);
      return { ...event, touchpoints: event.touchpoints?.map((t) => ({ ...t, source, profile })) };
    };
    await facts.recordUpdate(reported(-10, 'web', { gender: 'M', country: 'FR' }));
    // After the cutoff, the CRM (more trusted) says otherwise: serving sees it, training as of the cutoff must not.
    await facts.recordUpdate(reported(3, 'crm', { gender: 'F', country: 'GB' }));
    const row = (await buildTrainingRows({ facts, identities, consent }, cutoff, labelUntil)).find((r) => r.customerId === id)!;
    expect(row.features['golden.gender']).toBe('m');
    expect(row.features['golden.country']).toBe('fr');
    const later = (await buildTrainingRows({ facts, identities, consent }, at(5), at(35))).find((r) => r.customerId === id)!;
    expect(later.features['golden.gender']).toBe('f');
  });

  it('leaves out customers without profiling consent', async () => {
    const refused = uniqueName('c');
    governance.set({ customerId: refused, restricted: false, consents: [{ purpose: 'profiling', channel: null, status: 'denied' }] });
    await facts.recordUpdate(updateWith(refused, [{ at: at(-2) }]));
    const rows = await buildTrainingRows({ facts, identities, consent }, cutoff, labelUntil);
    expect(rows.some((r) => r.customerId === refused)).toBe(false);
  });
});
