import { contentApprovedEventSchema, contentWithdrawnEventSchema, EVENTS, eventQueueName } from '@c360/contracts';
import { connectMongo, createQueue } from '@c360/service-kit';
import { testStack, uniqueName, waitFor } from '@c360/testing';
import type { Queue } from 'bullmq';
import type { Connection } from 'mongoose';
import { MARKETER, newPerson, startContentHarness, type ContentHarness } from '../testing/content-harness';
import { ContentDraftRepository } from './store/content-draft.repository';

let h: ContentHarness;
let mongo: Connection;
let drafts: ContentDraftRepository;
let approvedQueue: Queue;
let withdrawnQueue: Queue;

beforeAll(async () => {
  h = await startContentHarness({ anthropic: false, env: { CONTENT_AUTO_APPROVE: 'call_script:service', CONTENT_ARMS_SWEEP_MS: '200' } });
  mongo = await connectMongo(testStack().MONGODB_URI, h.db);
  drafts = new ContentDraftRepository(mongo);
  const queues = { connection: h.redis, prefix: h.prefix };
  approvedQueue = createQueue(queues, eventQueueName(EVENTS.contentApproved, 'insights'));
  withdrawnQueue = createQueue(queues, eventQueueName(EVENTS.contentWithdrawn, 'insights'));
});
afterAll(async () => {
  await approvedQueue.close();
  await withdrawnQueue.close();
  await mongo.close();
  await h.close();
});

type Draft = { id: string; status: string; actionId: string | null; rejectionReason: string | null };
const FIELDS = 'id status actionId rejectionReason';
const APPROVE = `mutation ($id: ID!) { approveDraft(id: $id) { ${FIELDS} } }`;
const REJECT = `mutation ($id: ID!, $r: String!) { rejectDraft(id: $id, reason: $r) { ${FIELDS} } }`;
const WITHDRAW = `mutation ($id: ID!, $r: String!) { withdrawDraft(id: $id, reason: $r) { ${FIELDS} } }`;
const ARMS = `query ($id: ID!) { _entities(representations: [{ __typename: "Customer", id: $id }]) { ... on Customer { contentArms { armId actionId } } } }`;

function customer(): string {
  const id = uniqueName('c');
  h.people.set(id, newPerson());
  return id;
}

async function draft(input: Record<string, unknown>): Promise<{ data?: Draft; code?: string }> {
  const res = await h.call<{ draftContent: Draft }>(`mutation ($input: DraftContentInput!) { draftContent(input: $input) { ${FIELDS} } }`, {
    input: { channel: 'EMAIL', purpose: 'RETENTION', brief: 'Remind them of the loyalty programme', variants: 2, ...input },
  });
  return { data: res.data?.draftContent ?? undefined, code: res.errors?.[0]?.extensions?.code as string | undefined };
}

async function mutate(query: string, variables: Record<string, unknown>): Promise<{ data?: Draft; code?: string }> {
  const res = await h.call<Record<string, Draft>>(query, variables);
  return { data: res.data ? Object.values(res.data)[0] : undefined, code: res.errors?.[0]?.extensions?.code as string | undefined };
}

/** Jobs published for one draft on a queue (nobody consumes them in this test). */
async function jobsFor(queue: Queue, draftId: string): Promise<unknown[]> {
  const jobs = await queue.getJobs(['waiting', 'delayed', 'prioritized', 'active']);
  return jobs.filter((j) => (j.data as { draftId?: string }).draftId === draftId).map((j) => j.data as unknown);
}

describe('approved drafts announced to the decision layer', () => {
  it('publishes content.approved when a draft carrying an action is approved, and content.withdrawn when it is withdrawn', async () => {
    const id = customer();
    const { data: d } = await draft({ customerId: id, actionId: 'winback-email' });
    expect(d).toMatchObject({ status: 'PENDING_REVIEW', actionId: 'winback-email' });
    expect(await jobsFor(approvedQueue, d!.id)).toEqual([]);
    expect((await mutate(APPROVE, { id: d!.id })).data?.status).toBe('APPROVED');
    const [approved] = await jobsFor(approvedQueue, d!.id);
    expect(contentApprovedEventSchema.parse(approved)).toMatchObject({
      contract: 1,
      draftId: d!.id,
      customerId: id,
      groundedOnIds: [id],
      actionId: 'winback-email',
      channel: 'email',
      contentChannel: 'email',
      purpose: 'retention',
      variants: 2,
      draftVersion: 1,
    });
    expect(JSON.stringify(approved)).not.toMatch(/loyalty|Ada/);
    expect((await drafts.get(d!.id))?.armsPending).toBeNull();
    const arms = await h.call<{ _entities: { contentArms: { armId: string; actionId: string }[] }[] }>(ARMS, { id }, { ...MARKETER, roles: ['service'] });
    expect(arms.data?._entities[0]?.contentArms).toEqual([
      { armId: `${d!.id}:1`, actionId: 'winback-email' },
      { armId: `${d!.id}:2`, actionId: 'winback-email' },
    ]);

    const withdrawn = await mutate(WITHDRAW, { id: d!.id, r: 'offer ended' });
    expect(withdrawn.data).toMatchObject({ status: 'WITHDRAWN', rejectionReason: 'offer ended' });
    const [event] = await jobsFor(withdrawnQueue, d!.id);
    expect(contentWithdrawnEventSchema.parse(event)).toMatchObject({ draftId: d!.id, actionId: 'winback-email', channel: 'email' });
    expect(
      (await h.call<{ _entities: { contentArms: unknown[] }[] }>(ARMS, { id }, { ...MARKETER, roles: ['service'] })).data?._entities[0]?.contentArms,
    ).toEqual([]);
    expect((await mutate(WITHDRAW, { id: d!.id, r: 'again' })).code).toBe('INVALID_REVIEW_TRANSITION');
    expect((await mutate(APPROVE, { id: d!.id })).code).toBe('INVALID_REVIEW_TRANSITION');
  });

  it('announces nothing for a rejected draft, a draft for no action, or a withdrawal asked of a pending draft', async () => {
    const id = customer();
    const rejected = (await draft({ customerId: id, actionId: 'winback-email' })).data!;
    expect((await mutate(WITHDRAW, { id: rejected.id, r: 'no' })).code).toBe('INVALID_REVIEW_TRANSITION');
    expect((await mutate(WITHDRAW, { id: rejected.id, r: ' ' })).code).toBe('BAD_USER_INPUT');
    expect((await mutate(REJECT, { id: rejected.id, r: 'off brand' })).data?.status).toBe('REJECTED');
    const plain = (await draft({ customerId: id })).data!;
    expect((await mutate(APPROVE, { id: plain.id })).data?.status).toBe('APPROVED');
    await new Promise((r) => setTimeout(r, 400));
    for (const d of [rejected, plain]) {
      expect(await jobsFor(approvedQueue, d.id)).toEqual([]);
      expect(await jobsFor(withdrawnQueue, d.id)).toEqual([]);
    }
  });

  it('announces an auto-approved draft at once, on the channel the catalogue knows it by', async () => {
    const id = customer();
    const { data: d } = await draft({ customerId: id, channel: 'CALL_SCRIPT', purpose: 'SERVICE', actionId: 'service-check', variants: 1 });
    expect(d?.status).toBe('APPROVED');
    const [event] = await jobsFor(approvedQueue, d!.id);
    expect(event).toMatchObject({ channel: 'call_center', contentChannel: 'call_script', variants: 1 });
  });

  it('refuses an action on SMS, which the catalogue has no channel for, and a malformed action id', async () => {
    const id = customer();
    expect((await draft({ customerId: id, channel: 'SMS', actionId: 'winback' })).code).toBe('BAD_USER_INPUT');
    expect((await draft({ customerId: id, actionId: 'Not An Id' })).code).toBe('BAD_USER_INPUT');
  });

  it('publishes later what could not be published with the approval (the sweep)', async () => {
    const id = customer();
    const { data: d } = await draft({ customerId: id, actionId: 'winback-email' });
    // The approval stored with its announcement, as if Redis had been out when it was made.
    const stored = await drafts.get(d!.id);
    await drafts.transition(
      d!.id,
      'pending_review',
      { status: 'approved', review: { by: 'm', at: new Date(), reason: null }, armsPending: 'content.approved' },
      new Date(Date.now() - 10_000),
    );
    expect(stored?.armsPending).toBeNull();
    const [event] = await waitFor(async () => {
      const jobs = await jobsFor(approvedQueue, d!.id);
      return jobs.length > 0 && jobs;
    });
    expect(event).toMatchObject({ draftId: d!.id, variants: 2 });
    await waitFor(async () => (await drafts.get(d!.id))?.armsPending === null);
  });
});
