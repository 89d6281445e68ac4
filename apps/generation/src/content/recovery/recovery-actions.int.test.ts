import type { Caller } from '@c360/auth';
import { contentApprovedEventSchema, EVENTS, eventQueueName, type JourneyDropoffEvent, type PredictionBandChangedEvent } from '@c360/contracts';
import { connectMongo, createQueue } from '@c360/service-kit';
import { freePort, testStack, uniqueName, waitFor } from '@c360/testing';
import type { Queue } from 'bullmq';
import type { Connection } from 'mongoose';
import { MARKETER, newPerson, startContentHarness, type ContentHarness } from '../../testing/content-harness';
import { ContentDraftRepository } from '../store/content-draft.repository';

/** What the insights stand-in answers decideNextBestAction with, per customer; a customer not listed gets NO_ACTIVE_ACTION. */
type Scripted = { decision: { id: string; holdout: boolean; channel: string | null; action: { id: string } | null } | null; reason: string | null };
interface Asked {
  caller: Caller;
  args: { customerId: string; placement: string; context: { key: string; text?: string | null; number?: number | null }[]; requestId: string };
}

const scripts = new Map<string, Scripted>();
const asked: Asked[] = [];
const insightsResolvers = {
  Mutation: {
    decideNextBestAction: (_: unknown, args: Asked['args'], context: { caller: Caller }) => {
      asked.push({ caller: context.caller, args });
      return scripts.get(args.customerId) ?? { decision: null, reason: 'NO_ACTIVE_ACTION' };
    },
  },
};

let h: ContentHarness;
let down: ContentHarness;
let mongo: Connection;
let downMongo: Connection;
let approvedQueue: Queue;

beforeAll(async () => {
  const env = { CONTENT_RECOVERY_CHANNELS: 'email,push,sms', CONTENT_RECOVERY_MAX_PER_WINDOW: '1' };
  h = await startContentHarness({ anthropic: false, env, insightsResolvers });
  // insights down: nothing listens on its port (grounding and decisions alike find it unreachable).
  down = await startContentHarness({ anthropic: false, env: { ...env, INSIGHTS_URL: `http://127.0.0.1:${await freePort()}/graphql` } });
  mongo = await connectMongo(testStack().MONGODB_URI, h.db);
  downMongo = await connectMongo(testStack().MONGODB_URI, down.db);
  approvedQueue = createQueue({ connection: h.redis, prefix: h.prefix }, eventQueueName(EVENTS.contentApproved, 'insights'));
});
afterAll(async () => {
  await approvedQueue.close();
  await Promise.all([mongo.close(), downMongo.close()]);
  await Promise.all([h.close(), down.close()]);
});

function customer(harness: ContentHarness): string {
  const id = uniqueName('c');
  harness.people.set(id, newPerson());
  return id;
}

const dropoff = (customerId: string): JourneyDropoffEvent => ({
  dropoffId: uniqueName('d'),
  customerId,
  journey: 'checkout',
  stepReached: 'payment_details',
  stepIndex: 2,
  score: 0.8,
  startedAt: new Date(Date.now() - 3_600_000).toISOString(),
  detectedAt: new Date().toISOString(),
  channels: ['email', 'app'],
});

const DRAFT = `query ($id: ID!) { draft(id: $id) { id status channel actionId decisionId actionNote trigger } }`;
type DraftView = {
  id: string;
  status: string;
  channel: string;
  actionId: string | null;
  decisionId: string | null;
  actionNote: string | null;
  trigger: string;
};

async function recoveryDraft(harness: ContentHarness, event: JourneyDropoffEvent): Promise<DraftView> {
  await harness.publisher.publish(EVENTS.journeyDropoff, event, uniqueName('j'));
  const drafts = new ContentDraftRepository(harness === h ? mongo : downMongo);
  const id = `journey.dropoff:${event.dropoffId}`;
  await waitFor(() => drafts.get(id), 20_000, 'recovery draft');
  const res = await harness.call<{ draft: DraftView }>(DRAFT, { id });
  if (!res.data?.draft) throw new Error(JSON.stringify(res.errors));
  return res.data.draft;
}

/** With one worker slot, jobs on a queue run in order: once the marker's draft exists, the earlier events were handled. */
async function drain(harness: ContentHarness): Promise<void> {
  await recoveryDraft(harness, dropoff(customer(harness)));
}

describe('recovery drafts carry the action insights decides', () => {
  it('asks insights as the recovery worker, carries its action and decision on the decided channel, and approved its variants are arms', async () => {
    const id = customer(h);
    const decisionId = uniqueName('dec');
    scripts.set(id, { decision: { id: decisionId, holdout: false, channel: 'APP', action: { id: 'checkout-rescue' } }, reason: null });
    const event = dropoff(id);
    const d = await recoveryDraft(h, event);
    expect(d).toMatchObject({ channel: 'PUSH', actionId: 'checkout-rescue', decisionId, trigger: 'JOURNEY_DROPOFF', status: 'PENDING_REVIEW' });
    expect(d.actionNote).toBe('insights decided checkout-rescue on app');
    const question = asked.find((a) => a.args.customerId === id);
    expect(question?.caller.roles).toEqual(['service']);
    expect(question?.args.placement).toBe('recovery');
    expect(question?.args.requestId).toMatch(/^recovery-[0-9a-f]{40}$/);
    expect(question?.args.context).toEqual(
      expect.arrayContaining([
        { key: 'trigger', text: 'journey.dropoff' },
        { key: 'journey', text: 'checkout' },
        { key: 'dropoff_risk', number: 0.8 },
      ]),
    );

    // Approved, the draft takes the path any draft carrying an action takes: content.approved for insights' arms.
    const approved = await h.call<{ approveDraft: { status: string } }>(`mutation ($id: ID!) { approveDraft(id: $id) { status } }`, { id: d.id }, MARKETER);
    expect(approved.data?.approveDraft.status).toBe('APPROVED');
    const events = (await approvedQueue.getJobs(['waiting', 'delayed', 'prioritized', 'active']))
      .map((j) => contentApprovedEventSchema.parse(j.data))
      .filter((e) => e.draftId === d.id);
    expect(events).toEqual([
      expect.objectContaining({ actionId: 'checkout-rescue', channel: 'app', contentChannel: 'push', variants: 2, purpose: 'recovery' }),
    ]);
    const arms = await h.call<{ _entities: { contentArms: { armId: string; actionId: string }[] }[] }>(
      `query ($id: ID!) { _entities(representations: [{ __typename: "Customer", id: $id }]) { ... on Customer { contentArms { armId actionId } } } }`,
      { id },
      { ...MARKETER, roles: ['service'] },
    );
    expect(arms.data?._entities[0]?.contentArms).toEqual([
      { armId: `${d.id}:1`, actionId: 'checkout-rescue' },
      { armId: `${d.id}:2`, actionId: 'checkout-rescue' },
    ]);
  });

  it('writes nothing for a customer insights holds out, and asks again with the same request id when the event comes again', async () => {
    const id = customer(h);
    scripts.set(id, { decision: { id: uniqueName('dec'), holdout: true, channel: null, action: null }, reason: null });
    const event = dropoff(id);
    await h.publisher.publish(EVENTS.journeyDropoff, event, uniqueName('j'));
    await h.publisher.publish(EVENTS.journeyDropoff, event, uniqueName('j'));
    await drain(h);
    expect(await new ContentDraftRepository(mongo).list({ customerIds: [id] }, 10)).toEqual([]);
    const requests = asked.filter((a) => a.args.customerId === id).map((a) => a.args.requestId);
    expect(requests).toHaveLength(2);
    expect(new Set(requests).size).toBe(1);
  });

  it('carries the configured action when insights makes no decision, and none (saying why) where the action cannot go', async () => {
    const id = customer(h);
    const d = await recoveryDraft(h, dropoff(id));
    expect(d).toMatchObject({ channel: 'EMAIL', actionId: 'journey-recovery', decisionId: null });
    expect(d.actionNote).toBe("insights made no decision (no_active_action); the recovery policy's journey-recovery");

    // Only SMS is consented: the catalogue has no SMS channel, so the retention draft carries no action.
    const smsOnly = customer(h);
    h.governance.set({
      customerId: smsOnly,
      restricted: false,
      consents: [
        { purpose: 'personalisation', channel: null, status: 'granted' },
        { purpose: 'personalisation', channel: 'app', status: 'withdrawn' },
        { purpose: 'email_marketing', channel: null, status: 'withdrawn' },
        { purpose: 'sms_marketing', channel: null, status: 'granted' },
      ],
    });
    const band: PredictionBandChangedEvent = {
      customerId: smsOnly,
      kind: 'churn',
      band: 'high',
      previousBand: 'medium',
      modelId: uniqueName('m'),
      modelVersion: 1,
      scoredAt: new Date().toISOString(),
    };
    await h.publisher.publish(EVENTS.predictionBandChanged, band, uniqueName('j'));
    const drafts = new ContentDraftRepository(mongo);
    const [retention] = await waitFor(async () => {
      const found = await drafts.list({ customerIds: [smsOnly] }, 10);
      return found.length > 0 && found;
    });
    expect(retention).toMatchObject({ channel: 'sms', purpose: 'retention', actionId: null, decisionId: null });
    expect(retention?.actionNote).toMatch(/churn-retention is on email, push, none of which this customer can get a recovery on now$/);
  });
});

describe('recovery drafts when insights is down', () => {
  it('fall back to the configured action, with no decision, and say so', async () => {
    const id = customer(down);
    const d = await recoveryDraft(down, dropoff(id));
    expect(d).toMatchObject({ channel: 'EMAIL', actionId: 'journey-recovery', decisionId: null });
    expect(d.actionNote).toBe("insights did not answer; the recovery policy's journey-recovery");
    expect((await new ContentDraftRepository(downMongo).get(d.id))?.grounding.unavailable).toContain('insights');
  });
});
