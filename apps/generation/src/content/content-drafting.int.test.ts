import { uniqueName } from '@c360/testing';
import { wellFormedAnswer } from '../testing/fake-messages-api';
import { DRAFT_CONTENT, DRAFT_FIELDS, MARKETER, newPerson, startContentHarness, type ContentHarness } from '../testing/content-harness';

let h: ContentHarness;

beforeAll(async () => {
  h = await startContentHarness({ anthropic: true, env: { CONTENT_AUTO_APPROVE: 'call_script:service', CONTENT_DAILY_TOKENS: '{"welcome":1}' } });
});
afterAll(async () => {
  await h.close();
});

interface Draft {
  id: string;
  customerId: string;
  status: string;
  version: number;
  variants: { index: number; subject: string | null; body: string }[];
  versions: { version: number; editedBy: string; note: string | null; variants: { body: string }[] }[];
  grounding: {
    facts: { source: string; key: string; value: string }[];
    placeholders: string[];
    withheld: string[];
    unavailableSources: string[];
    offers: string[];
  };
  promptVersion: string;
  provider: string;
  model: string | null;
  usage: { inputTokens: number; outputTokens: number; cacheCreationInputTokens: number; cacheReadInputTokens: number };
  costUsd: number;
  attempts: number;
  trigger: string;
  reviewedBy: string | null;
  rejectionReason: string | null;
}
type Err = { message: string; extensions?: { code?: string; check?: string; attempts?: number } };

function customer() {
  const id = uniqueName('c');
  const person = newPerson();
  h.people.set(id, person);
  return { id, person };
}

async function draft(input: Record<string, unknown>, caller = MARKETER): Promise<{ draft?: Draft; error?: Err }> {
  const res = await h.call<{ draftContent: Draft }>(
    DRAFT_CONTENT,
    { input: { channel: 'EMAIL', purpose: 'RECOVERY', brief: 'Invite them back to finish checkout', variants: 2, ...input } },
    caller,
  );
  return { draft: res.data?.draftContent ?? undefined, error: res.errors?.[0] as Err | undefined };
}

async function ok(input: Record<string, unknown>): Promise<Draft> {
  const { draft: d, error } = await draft(input);
  if (!d) throw new Error(JSON.stringify(error));
  return d;
}

describe('draftContent through Claude (a local Messages API)', () => {
  it('grounds the draft on every owner’s facts, asked with the caller’s own role, and records what it used', async () => {
    const { id } = customer();
    const before = h.subgraphs.identity.callers.length;
    const d = await ok({ customerId: id });
    expect(d).toMatchObject({
      customerId: id,
      status: 'PENDING_REVIEW',
      provider: 'anthropic',
      model: 'claude-test-model',
      promptVersion: 'content-v1',
      attempts: 1,
      trigger: 'REQUEST',
    });
    const keys = d.grounding.facts.map((f) => `${f.source}:${f.key}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        'identity-graph:region',
        'identity-graph:country',
        'touchpoint-store:recent_events',
        'touchpoint-store:journey_stage',
        'insights:touch_count',
        'insights:segment',
        'insights:prediction_churn',
        'insights:next_best_action',
      ]),
    );
    expect(d.grounding.facts.find((f) => f.key === 'recent_events')?.value).toMatch(/^checkout_started on web \(2026-03-01\); add_to_cart on web/);
    expect(d.grounding.offers).toEqual(['Free delivery reminder', 'free delivery on orders over £50']);
    expect(d.grounding.unavailableSources).toEqual([]);
    expect(d.usage).toEqual({ inputTokens: 420, outputTokens: 180, cacheCreationInputTokens: 0, cacheReadInputTokens: 1200 });
    expect(d.costUsd).toBeCloseTo(0.00432, 6);
    for (const sub of Object.values(h.subgraphs)) expect(sub.callers.slice(-1)[0]).toMatchObject({ subject: 'marketer-1', roles: ['marketer'] });
    expect(h.subgraphs.identity.callers.length).toBe(before + 1);
  });

  it('never sends an identifier, contact detail or name: placeholders stand in and are filled afterwards', async () => {
    const { id, person } = customer();
    const before = h.api.requests.length;
    const d = await ok({ customerId: id, brief: `Invite them back (order for ${person.email}, call ${person.phone})` });
    const bodies = h.api.requests.slice(before).map((r) => r.raw);
    expect(bodies.length).toBe(1);
    for (const secret of [id, person.givenName, person.familyName, person.email, person.phone, '7700 900123', person.locality, person.postcode]) {
      for (const body of bodies) expect(body).not.toContain(secret);
    }
    expect(bodies[0]).toContain('{{first_name}}');
    expect(d.grounding.placeholders).toEqual(['first_name']);
    expect(d.variants[0]?.body).toMatch(/^Hi Ada, /);
    // The brief itself named contacts: they were replaced before it was sent, and the stored draft keeps the brief as written.
    expect(bodies[0]).toContain('[email]');
  });

  it('offers no first name when the owner masks it for this caller, and says hello without one', async () => {
    const { id, person } = customer();
    h.maskedForMarketers.add(id);
    const before = h.api.requests.length;
    const d = await ok({ customerId: id, variants: 1 });
    expect(d.grounding.placeholders).toEqual([]);
    expect(h.api.requests[before]?.body.messages[0]?.content).toContain('Placeholders you may use: none.');
    expect(d.variants[0]?.body).toMatch(/^Hi there, /);
    expect(JSON.stringify(d)).not.toContain(person.givenName);
  });

  it('feeds a failed check back to the writer and stores the second answer', async () => {
    const { id } = customer();
    const bad = JSON.stringify({ variants: [{ subject: 'Last chance', body: 'Mail help@example.com for 30% off' }] });
    h.api.script({ kind: 'message', text: bad });
    const before = h.api.requests.length;
    const d = await ok({ customerId: id, variants: 1 });
    expect(d.attempts).toBe(2);
    const retry = h.api.requests[before + 1]?.body.messages[0]?.content ?? '';
    expect(retry).toContain('Your previous answer was refused');
    expect(retry).toMatch(/PERSONAL_DATA \(variant 1\)/);
    expect(retry).toMatch(/UNGROUNDED_CLAIM \(variant 1\).*percent 30/);
    expect(retry).toMatch(/BANNED_PHRASE \(variant 1\).*last chance/);
    expect(retry).not.toContain('help@example.com');
    expect(d.usage.inputTokens).toBe(840);
  });

  it('fails with a typed error naming the check when every attempt fails', async () => {
    const { id } = customer();
    h.api.answerWith(() => JSON.stringify({ variants: [{ body: `Hi {{first_name}}, ${'your basket is still here. '.repeat(8)}` }] }));
    const before = h.api.requests.length;
    const { draft: d, error } = await draft({ customerId: id, channel: 'SMS', variants: 1 });
    h.api.answerWith(wellFormedAnswer);
    expect(d).toBeUndefined();
    expect(error?.extensions).toMatchObject({ code: 'CONTENT_CHECK_FAILED', check: 'SMS_LENGTH', attempts: 3 });
    expect(h.api.requests.length - before).toBe(3);
  });

  it('refuses without the channel’s marketing consent or personalisation, before asking anyone', async () => {
    const [noEmail, noPersonalisation] = [customer().id, customer().id];
    h.governance.set({
      customerId: noEmail,
      restricted: false,
      consents: [
        { purpose: 'personalisation', channel: null, status: 'granted' },
        { purpose: 'email_marketing', channel: null, status: 'withdrawn' },
      ],
    });
    h.governance.set({ customerId: noPersonalisation, restricted: false, consents: [{ purpose: 'email_marketing', channel: null, status: 'granted' }] });
    const before = h.api.requests.length;
    expect((await draft({ customerId: noEmail })).error?.extensions).toMatchObject({
      code: 'CONSENT_REQUIRED',
      purpose: 'email_marketing',
      reason: 'withdrawn',
    });
    expect((await draft({ customerId: noPersonalisation })).error?.extensions).toMatchObject({ code: 'CONSENT_REQUIRED', purpose: 'personalisation' });
    // Service content needs personalisation only.
    expect((await draft({ customerId: noEmail, purpose: 'SERVICE', channel: 'CALL_SCRIPT', variants: 1 })).draft?.status).toBe('APPROVED');
    expect(h.api.requests.length - before).toBe(1);
  });

  it('enforces the daily token budget of a purpose', async () => {
    const before = h.api.requests.length;
    expect((await draft({ customerId: customer().id, purpose: 'WELCOME' })).error?.extensions).toMatchObject({ code: 'TOKEN_BUDGET_EXHAUSTED' });
    expect(h.api.requests.length).toBe(before);
  });

  it('rejects bad input and callers without a drafting role', async () => {
    expect((await draft({ customerId: customer().id, variants: 6 })).error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await draft({ customerId: customer().id, brief: ' ' })).error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await draft({ customerId: customer().id }, { subject: 'a', roles: ['analyst'], scopes: [] })).error?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('review', () => {
  const APPROVE = `mutation ($id: ID!) { approveDraft(id: $id) { ${DRAFT_FIELDS} } }`;
  const REJECT = `mutation ($id: ID!, $reason: String!) { rejectDraft(id: $id, reason: $reason) { ${DRAFT_FIELDS} } }`;
  const EDIT = `mutation ($id: ID!, $variants: [ContentVariantInput!]!, $note: String) { editDraft(id: $id, variants: $variants, note: $note) { ${DRAFT_FIELDS} } }`;
  const LIST = `query ($status: DraftStatus!) { drafts(status: $status, first: 100) { id status } }`;
  const ARMS = `query ($id: ID!) { _entities(representations: [{ __typename: "Customer", id: $id }]) { ... on Customer { contentArms(channel: EMAIL) { armId draftId variantIndex version } contentDrafts { id } } } }`;

  it('approves, edits (keeping every version) and rejects with a reason; decided drafts stay decided', async () => {
    const { id } = customer();
    const [a, b] = [await ok({ customerId: id }), await ok({ customerId: id })];
    const approved = await h.call<{ approveDraft: Draft }>(APPROVE, { id: a.id });
    expect(approved.data?.approveDraft).toMatchObject({ status: 'APPROVED', reviewedBy: 'marketer-1' });
    expect((await h.call(APPROVE, { id: a.id })).errors?.[0]?.extensions?.code).toBe('INVALID_REVIEW_TRANSITION');

    const variants = [
      { subject: 'Your basket is saved', body: 'Hi Ada, your basket is saved. Take another look when it suits you.' },
      { subject: 'Still thinking?', body: 'Hi Ada, free delivery on orders over £50 still applies.' },
    ];
    const edited = await h.call<{ editDraft: Draft }>(EDIT, { id: b.id, variants, note: 'warmer' });
    expect(edited.data?.editDraft).toMatchObject({ status: 'PENDING_REVIEW', version: 2 });
    expect(edited.data?.editDraft.versions.map((v) => [v.version, v.editedBy, v.note])).toEqual([
      [1, 'anthropic', null],
      [2, 'marketer-1', 'warmer'],
    ]);
    expect(edited.data?.editDraft.versions[0]?.variants[0]?.body).toBe(b.variants[0]?.body);
    const priced = await h.call(EDIT, { id: b.id, variants: [variants[0], { ...variants[1], body: 'Now only £9.99' }] });
    expect(priced.errors?.[0]?.extensions).toMatchObject({ code: 'CONTENT_CHECK_FAILED', check: 'UNGROUNDED_CLAIM' });

    expect((await h.call(REJECT, { id: b.id, reason: ' ' })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const rejected = await h.call<{ rejectDraft: Draft }>(REJECT, { id: b.id, reason: 'off brand' });
    expect(rejected.data?.rejectDraft).toMatchObject({ status: 'REJECTED', rejectionReason: 'off brand' });
    expect((await h.call(APPROVE, { id: b.id })).errors?.[0]?.extensions?.code).toBe('INVALID_REVIEW_TRANSITION');

    const list = async (status: string) => ((await h.call<{ drafts: { id: string }[] }>(LIST, { status })).data?.drafts ?? []).map((d) => d.id);
    expect(await list('REJECTED')).toContain(b.id);
    expect(await list('APPROVED')).toContain(a.id);
    expect(await list('PENDING_REVIEW')).not.toContain(a.id);

    const arms = await h.call<{ _entities: { contentArms: { armId: string; variantIndex: number }[]; contentDrafts: { id: string }[] }[] }>(
      ARMS,
      { id },
      { subject: 'nba', roles: ['service'], scopes: [] },
    );
    expect(arms.data?._entities[0]?.contentArms.map((x) => x.armId)).toEqual([`${a.id}:1`, `${a.id}:2`]);
    expect(arms.data?._entities[0]?.contentDrafts.map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
  });

  it('lets only marketers review, and masks draft text from roles not cleared for it', async () => {
    const d = await ok({ customerId: customer().id });
    expect((await h.call(APPROVE, { id: d.id }, { subject: 's', roles: ['support'], scopes: [] })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const asAnalyst = await h.call<{ draft: Draft }>(
      `query ($id: ID!) { draft(id: $id) { id } }`,
      { id: d.id },
      { subject: 'a', roles: ['analyst'], scopes: [] },
    );
    expect(asAnalyst.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
