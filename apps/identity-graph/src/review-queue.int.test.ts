import type { LinkJob, PersonTraits, ResolveJob } from '@c360/contracts';
import { subgraphRequest, uniqueName, waitFor, queuedItems } from '@c360/testing';
import { IdentityGraphUnderTest } from './testing/identity-graph.harness';

const ig = new IdentityGraphUnderTest();
const steward = { subject: 'steward-2', roles: ['compliance' as const], scopes: [] };

beforeAll(() => ig.start());
afterAll(() => ig.close());

// Names keep letters only, so a unique name is made of random letters.
const letters = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');

/** A person unlikely to collide with another test's (or an earlier run's): a random surname and birth date. */
function someone(): PersonTraits {
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0');
  const year = 1930 + Math.floor(Math.random() * 70);
  return {
    givenName: 'Grace',
    familyName: `${letters(10)}`,
    birthDate: `${year}-07-${day}`,
    streetNumber: '42',
    street: `${letters(8)} Road`,
    locality: letters(9),
    postcode: String(10000 + Math.floor(Math.random() * 89999)),
  };
}

async function resolved(traits: PersonTraits, identifiers: ResolveJob['identifiers'] = [], channel: ResolveJob['channel'] = 'store'): Promise<string> {
  const messageId = uniqueName('m');
  return ig.resolveAndLink({ messageId, channel, occurredAt: '2026-06-01T10:00:00Z', identifiers, traits, source: 'pos' });
}

const REVIEWS = `query { identityReviews(first: 500) { id status score comparisons { field level weight } subject { id } candidate { id } } }`;
type Review = {
  id: string;
  status: string;
  score: number;
  comparisons: { field: string; level: string }[];
  subject: { id: string };
  candidate: { id: string };
};
const RESOLVE = `mutation ($id: ID!, $d: ReviewDecision!) { resolveIdentityReview(id: $id, decision: $d) { ok errorCode customer { id mergeHistory { rule score absorbedCustomerIds } } } }`;
type Resolved = {
  resolveIdentityReview: {
    ok: boolean;
    errorCode: string | null;
    customer: { id: string; mergeHistory: { rule: string; score: number; absorbedCustomerIds: string[] }[] } | null;
  };
};

async function reviewFor(subjectId: string): Promise<Review> {
  return waitFor(async () => {
    const res = await subgraphRequest<{ identityReviews: Review[] }>(ig.url, REVIEWS, {}, steward);
    return res.data?.identityReviews.find((r) => r.subject.id === subjectId);
  });
}

describe('probabilistic matching and the review queue', () => {
  it('merges a store visit with no shared identifier into the customer it clearly is, recording the score', async () => {
    const grace = someone();
    const online = await resolved(grace, [{ type: 'email', value: `${uniqueName('g')}@example.com` }], 'web');
    const visit = await resolved({ ...grace, givenName: 'Grase', street: 'Harbor Rd' });
    expect(visit).toBe(online);
    const res = await subgraphRequest<{ customer: { mergeHistory: { rule: string; score: number }[] } }>(
      ig.url,
      `query ($id: ID!) { customer(id: $id) { mergeHistory { rule score } } }`,
      { id: online },
    );
    expect(res.data?.customer.mergeHistory).toEqual([{ rule: 'probabilistic', score: expect.any(Number) }]);
    expect(res.data!.customer.mergeHistory[0]!.score).toBeGreaterThanOrEqual(14);
  });

  it('keeps a different person with the same name apart', async () => {
    const grace = someone();
    const first = await resolved(grace);
    const other = await resolved({
      givenName: grace.givenName,
      familyName: grace.familyName,
      birthDate: '1901-01-01',
      locality: 'Boston',
      postcode: '02101',
      street: 'Beacon Street',
      streetNumber: '7',
    });
    expect(other).not.toBe(first);
  });

  it('queues a plausible but uncertain match for review; a steward merges it, and a second decision is refused', async () => {
    const grace = someone();
    const known = await resolved(grace);
    // A call with the name only, one typo in it: between the thresholds.
    const call = await resolved({ givenName: grace.givenName, familyName: `${grace.familyName}e` });
    expect(call).not.toBe(known);
    const review = await reviewFor(call);
    expect(review).toMatchObject({ status: 'OPEN', candidate: { id: known } });
    expect(review.comparisons.map((c) => c.field)).toEqual(['givenName', 'familyName']);

    const forbidden = await subgraphRequest(ig.url, RESOLVE, { id: review.id, d: 'MERGE' }, { subject: 'a', roles: ['analyst'], scopes: [] });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const merged = await subgraphRequest<Resolved>(ig.url, RESOLVE, { id: review.id, d: 'MERGE' }, steward);
    expect(merged.data?.resolveIdentityReview).toMatchObject({
      ok: true,
      customer: { id: known, mergeHistory: [{ rule: 'review', score: review.score, absorbedCustomerIds: [call] }] },
    });
    // touchpoint-store is told to follow the call's touchpoint to the survivor.
    await waitFor(async () => (await queuedItems<LinkJob>(ig.links)).some((l) => l.customerId === known && l.mergedCustomerIds.includes(call)));

    const again = await subgraphRequest<Resolved>(ig.url, RESOLVE, { id: review.id, d: 'REJECT' }, steward);
    expect(again.data?.resolveIdentityReview).toMatchObject({ ok: false, errorCode: 'ALREADY_RESOLVED' });
  });

  it('rejecting a review keeps the pair apart for good', async () => {
    const grace = someone();
    const known = await resolved(grace);
    const call = await resolved({ givenName: grace.givenName, familyName: `${grace.familyName}e` });
    const review = await reviewFor(call);
    const rejected = await subgraphRequest<Resolved>(ig.url, RESOLVE, { id: review.id, d: 'REJECT' }, steward);
    expect(rejected.data?.resolveIdentityReview).toMatchObject({ ok: true, customer: null });
    const res = await subgraphRequest<{ identityReviews: Review[] }>(
      ig.url,
      `query { identityReviews(status: REJECTED, first: 500) { id candidate { id } } }`,
      {},
      steward,
    );
    expect(res.data?.identityReviews.some((r) => r.id === review.id && r.candidate.id === known)).toBe(true);
    const missing = await subgraphRequest<Resolved>(ig.url, RESOLVE, { id: 'no-such-review', d: 'MERGE' }, steward);
    expect(missing.data?.resolveIdentityReview).toMatchObject({ ok: false, errorCode: 'NOT_FOUND' });
  });

  it("counts resolutions by kind and stewards' decisions on /metrics, naming no one", async () => {
    const text = await (await fetch(`${ig.url}/metrics`)).text();
    const value = (series: string) =>
      Number(
        text
          .split('\n')
          .find((l) => l.startsWith(series))
          ?.split(' ')
          .pop() ?? NaN,
      );
    // The tests above: two probabilistic merges at most, two reviews opened, one merged, one rejected, two refused.
    expect(value('c360_identity_resolutions_total{kind="review"')).toBeGreaterThanOrEqual(2);
    expect(value('c360_identity_resolutions_total{kind="create"')).toBeGreaterThanOrEqual(4);
    expect(value('c360_identity_review_decisions_total{decision="merged"')).toBe(1);
    expect(value('c360_identity_review_decisions_total{decision="rejected"')).toBe(1);
    expect(value('c360_identity_review_decisions_total{decision="refused"')).toBe(2);
    expect(text).not.toMatch(/Grace|customerId|@/);
  });
});
