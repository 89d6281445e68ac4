import { randomBytes } from 'node:crypto';
import { connectMongo, createRedisConnection, EventPublisher } from '@c360/service-kit';
import { dropDatabase, testStack, uniqueName, waitFor } from '@c360/testing';
import { startTestGovernance, type TestGovernance } from '../testing/governance.harness';
import { keyIdOf, SecretKeyring } from './secret-cipher';
import { newWebhookSecret } from './webhook-signature';
import { deliveryLog, endpoint, grantConsent, publishCustomerUpdate, registerPartner, verifies } from '../testing/webhook-test-kit';

const stack = testStack();
const db = uniqueName('c360_test_webhook_keys');
const prefix = uniqueName('t');
const [key1, key2, key3] = [randomBytes(32), randomBytes(32), randomBytes(32)];

const started: TestGovernance[] = [];

/** governance on the same database and queues each time, with another key configuration. */
async function start(current: Buffer, old: Buffer[] = []): Promise<TestGovernance> {
  const gov = await startTestGovernance({
    MONGODB_DB: db,
    QUEUE_PREFIX: prefix,
    WEBHOOK_SECRET_ENCRYPTION_KEY: current.toString('base64'),
    WEBHOOK_SECRET_ENCRYPTION_KEYS_OLD: old.map((k) => k.toString('hex')).join(','),
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    CONSENT_DEFAULT_GRANTED: 'analytics',
    WEBHOOK_RETRY_BASE_MS: '40',
    WEBHOOK_RETRY_MAX_MS: '80',
    WEBHOOK_MAX_ATTEMPTS: '2',
  });
  started.push(gov);
  return gov;
}

async function stop(gov: TestGovernance): Promise<void> {
  started.splice(started.indexOf(gov), 1);
  await gov.service.close();
}

async function storedKeyIds(partnerId: string): Promise<string[]> {
  const mongo = await connectMongo(stack.MONGODB_URI, db);
  try {
    const doc = await mongo.collection<{ _id: string; secrets: { sealed: string }[] }>('partners').findOne({ _id: partnerId });
    return (doc?.secrets ?? []).map((s) => s.sealed.split(':')[1]!);
  } finally {
    await mongo.close();
  }
}

afterAll(async () => {
  // Each phase closes its service; one left open by a failed assertion is closed here.
  await Promise.all(started.map((gov) => gov.service.close()));
  await dropDatabase(stack.MONGODB_URI, db);
});

describe('webhook secret encryption keys', () => {
  it('reseals under a new key at start, keeps signing with the same secret, and refuses to sign when the key is gone', async () => {
    const redis = createRedisConnection(stack.REDIS_URL);
    const publisher = new EventPublisher({ connection: redis, prefix });
    const hook = await endpoint(() => 200);
    const id = uniqueName('k').replace('-', '_');
    const customer = uniqueName('c');
    try {
      const first = await start(key1);
      const res = await registerPartner(first.service.url, { id, webhookUrl: hook.url });
      const secret = res.data!.registerPartner.secret;
      await grantConsent(first.service.url, customer);
      await stop(first);
      expect(await storedKeyIds(id)).toEqual([keyIdOf(key1)]);

      // Rotated: key2 current, key1 kept to read what it sealed; the start seals it again under key2.
      const second = await start(key2, [key1]);
      expect(await storedKeyIds(id)).toEqual([keyIdOf(key2)]);
      await publishCustomerUpdate(publisher, customer, 1);
      await waitFor(async () => hook.delivered().length === 1, 15_000, 'a delivery signed after the key rotation');
      expect(verifies(secret, hook.received[0]!)).toBe(true);
      await stop(second);

      // A deployment that lost the key: no delivery is signed with anything else; the log says why.
      const third = await start(key3);
      await publishCustomerUpdate(publisher, customer, 2);
      const entry = await waitFor(async () => (await deliveryLog(third.service.url, id)).find((d) => d.status === 'DEAD'), 15_000, 'the unsignable delivery');
      expect(entry.lastError).toMatch(
        new RegExp(
          `^signing secret cannot be decrypted: sealed with key ${keyIdOf(key2)}, which is neither WEBHOOK_SECRET_ENCRYPTION_KEY nor in WEBHOOK_SECRET_ENCRYPTION_KEYS_OLD`,
        ),
      );
      expect(entry.attempts).toBe(2);
      expect(hook.received).toHaveLength(1);
      expect(await storedKeyIds(id)).toEqual([keyIdOf(key2)]);
      await stop(third);
    } finally {
      await hook.close();
      await publisher.close();
      await redis.quit();
    }
  });

  it('seals, at start, secrets a partner registered before sealing existed still has in clear', async () => {
    const id = uniqueName('legacy').replace('-', '_');
    const secret = newWebhookSecret();
    const mongo = await connectMongo(stack.MONGODB_URI, db);
    try {
      const now = new Date();
      const legacy = {
        _id: id,
        name: 'Legacy',
        purposes: ['third_party_sharing'],
        fields: [],
        webhookUrl: null,
        concurrency: 1,
        secrets: [{ secret, createdAt: now, expiresAt: null }],
        secretsVersion: 0,
        createdAt: now,
      };
      await mongo.collection<{ _id: string }>('partners').insertOne(legacy);
      await stop(await start(key1));
      const stored = await mongo.collection<{ _id: string; secrets: { sealed: string }[] }>('partners').findOne({ _id: id });
      expect(JSON.stringify(stored)).not.toContain(secret.slice('whsec_'.length));
      expect(stored?.secrets.map((s) => s.sealed.split(':')[1])).toEqual([keyIdOf(key1)]);
      expect(new SecretKeyring(key1).open(stored!.secrets[0]!.sealed, id)).toBe(secret);
    } finally {
      await mongo.close();
    }
  });
});
