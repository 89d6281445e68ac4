import type { ConsentAnswer, ConsentQuestion } from '@c360/consent-client';
import { consentChangedChannel, EVENTS, eventQueueName, journeyDropoffEventSchema, type CustomerUpdatedEvent } from '@c360/contracts';
import { connectMongo, createLogger, createQueue, CustomerIdentityView, TouchFactRepository } from '@c360/service-kit';
import { testStack, uniqueName, waitFor } from '@c360/testing';
import type { Connection } from 'mongoose';
import { bgNbdClvModel } from '../domain/models/clv-adapter';
import { FeatureFactsRepository } from '../features/feature-facts.repository';
import { FeatureVectorRepository } from '../features/feature-vector.repository';
import { ActiveModels } from '../models/active-models';
import { ModelRegistryRepository } from '../models/model-registry.repository';
import { CustomerRescorer } from '../predictions/customer-rescorer';
import { ScoreRepository } from '../predictions/score.repository';
import { SentimentModelRepository } from '../sentiment/sentiment-model.repository';
import { SentimentModels } from '../sentiment/sentiment-models';
import { SentimentScoreRepository } from '../sentiment/sentiment-score.repository';
import { SentimentScoring } from '../sentiment/sentiment-scoring';
import { ANALYST, startInsightsHarness, type InsightsHarness as DecisionsHarness } from '../testing/decisions-harness';
import { DAY, InsightsHarness, updateWith } from '../testing/prediction-fixtures';

/*
 * What insights keeps when a customer objects to profiling (withdrawal or restriction), on the real
 * queue, MongoDB and Redis pub/sub, with governance played by the static consent service: derived
 * data and every fact kept to derive it (feature facts: touches, model attributes, golden-record traits;
 * touch facts) go, under every id of the person; nothing of an update is kept in them while the objection
 * stands; after a re-grant features are built from what touchpoint-store holds (nothing: its stand-in here
 * holds no touchpoints; profiling-regrant.int.test.ts restores a history from the real one) and the next updates. What serves other purposes
 * (drop-off, decision rewards) goes on for an objecting customer (journey alerts: journey-alerts.int.test.ts).
 */
const h = new InsightsHarness();
const now = Date.now();
let mongo: Connection;
let facts: FeatureFactsRepository;
let vectors: FeatureVectorRepository;
let touches: TouchFactRepository;
let sentiments: SentimentScoreRepository;

beforeAll(async () => {
  await h.start();
  mongo = await connectMongo(testStack().MONGODB_URI, h.db);
  facts = new FeatureFactsRepository(mongo);
  vectors = new FeatureVectorRepository(mongo);
  touches = new TouchFactRepository(mongo);
  sentiments = new SentimentScoreRepository(mongo);
}, 60_000);

afterAll(async () => {
  await mongo.close();
  await h.stop();
});

/** An update of one touchpoint `daysAgo`, reporting these traits from `source` and a CRM attribute, with a text touchpoint-store serves. */
function reported(customerId: string, daysAgo: number, source: string, profile: Record<string, string>, merged: string[] = []): CustomerUpdatedEvent {
  const event = updateWith(customerId, [{ at: new Date(now - daysAgo * DAY), channel: 'email', attributes: { tier: 'gold' } }], merged);
  const touchpoints = event.touchpoints!.map((t) => ({ ...t, source, profile }));
  for (const t of touchpoints)
    h.texts.add({ messageId: t.messageId, channel: t.channel, occurredAt: t.occurredAt, text: 'Lovely service, thank you so much!' });
  return { ...event, touchpoint: touchpoints.at(-1), touchpoints };
}

const traitsUnder = async (ids: string[]) => (await facts.factsOf(ids)).profiles ?? [];
/** Everything insights keeps per touchpoint under these ids: touch facts, and feature facts' touches, attributes and traits. */
const factsUnder = async (ids: string[]) => {
  const kept = await facts.factsOf(ids);
  return {
    touchFacts: await touches.countForCustomers(ids),
    touches: kept.touches.length,
    attributes: kept.attributes.length,
    traits: (kept.profiles ?? []).length,
  };
};
const NOTHING = { touchFacts: 0, touches: 0, attributes: 0, traits: 0 };
const profiling = (customerId: string, status: 'granted' | 'withdrawn', restricted = false) =>
  h.governance.set({ customerId, restricted, consents: [{ purpose: 'profiling', channel: null, status }] });
const announce = (customerIds: string[]) =>
  h.redis.publish(consentChangedChannel(h.prefix), JSON.stringify({ customerIds, changedAt: new Date().toISOString() }));

describe('a profiling objection', () => {
  it('removes every fact and sentiment under every id of a merged customer, keeps nothing while it stands, and profiles from the next updates after a re-grant', async () => {
    const [absorbed, survivor] = [uniqueName('ob'), uniqueName('os')];
    await h.publish(reported(absorbed, 10, 'crm', { gender: 'F', country: 'GB' }));
    await h.publish(reported(survivor, 5, 'web', { region: 'Normandie' }));
    await h.drained();
    await h.publish({ ...reported(survivor, 3, 'pos', { locality: 'Rouen' }, [absorbed]), version: 2 });
    await waitFor(async () => (await vectors.get(survivor))?.features['frequency_total'] === 3, 30_000, 'merged features');
    expect((await vectors.get(survivor))!.features['golden.gender']).toBe('f');
    expect(await factsUnder([absorbed])).toEqual({ touchFacts: 1, touches: 1, attributes: 1, traits: 1 });
    expect(await factsUnder([survivor])).toEqual({ touchFacts: 2, touches: 2, attributes: 2, traits: 2 });
    expect(await sentiments.countForCustomers([absorbed, survivor])).toBe(3);

    // governance names every id of the person; insights follows its own merge lineage as well, so the survivor alone is enough here.
    for (const id of [survivor, absorbed]) profiling(id, 'withdrawn');
    await announce([survivor]);
    await waitFor(
      async () => (await touches.countForCustomers([survivor, absorbed])) === 0 && (await vectors.countForCustomers([survivor])) === 0,
      15_000,
      'facts removed',
    );
    await waitFor(async () => (await sentiments.countForCustomers([absorbed, survivor])) === 0, 15_000, 'sentiment removed');
    expect(await factsUnder([survivor, absorbed])).toEqual(NOTHING);

    // While the objection stands an update keeps nothing in these stores, and its text is not scored.
    await h.publish({ ...reported(survivor, 2, 'crm', { gender: 'M' }), version: 3 });
    await h.drained();
    expect(await factsUnder([survivor, absorbed])).toEqual(NOTHING);
    expect(await sentiments.countForCustomers([absorbed, survivor])).toBe(0);
    expect(await vectors.countForCustomers([survivor, absorbed])).toBe(0);

    // A re-grant profiles the person again, from nothing kept here (the stand-in touchpoint-store holds no history)...
    profiling(survivor, 'granted');
    await announce([survivor]);
    const regranted = await waitFor(async () => (await vectors.get(survivor))?.features, 15_000, 'features after the re-grant');
    expect(regranted['frequency_total']).toBe(0);
    expect(regranted['golden.gender']).toBeNull();

    // ...but from the next update on, which is kept in full and used.
    await h.publish({ ...reported(survivor, 1, 'crm', { gender: 'M', country: 'FR' }), version: 4 });
    const later = await waitFor(async () => {
      const f = (await vectors.get(survivor))?.features;
      return f?.['frequency_total'] === 1 && f;
    }, 30_000);
    expect(later['golden.gender']).toBe('m');
    expect(later['golden.country']).toBe('fr');
    expect(await factsUnder([survivor, absorbed])).toEqual({ touchFacts: 1, touches: 1, attributes: 1, traits: 1 });
    expect((await traitsUnder([survivor])).map((p) => p.traits)).toEqual([{ gender: 'M', country: 'FR' }]);
    expect(await sentiments.countForCustomers([survivor])).toBe(1);
  }, 120_000);

  it('under a restriction (consent granted) removes every fact and keeps none from later updates', async () => {
    const id = uniqueName('or');
    await h.publish(reported(id, 4, 'crm', { gender: 'F' }));
    await waitFor(async () => (await traitsUnder([id])).length === 1, 30_000, 'facts kept');
    expect(await factsUnder([id])).toEqual({ touchFacts: 1, touches: 1, attributes: 1, traits: 1 });
    profiling(id, 'granted', true);
    await announce([id]);
    await waitFor(async () => (await touches.countForCustomers([id])) === 0, 15_000, 'facts removed');
    expect(await factsUnder([id])).toEqual(NOTHING);
    await h.publish({ ...reported(id, 1, 'crm', { gender: 'F', country: 'IE' }), version: 2 });
    await h.drained();
    expect(await factsUnder([id])).toEqual(NOTHING);
  }, 60_000);
});

describe('facts of an update, by the consent answer', () => {
  /** A rescorer on the harness' database whose consent answers are set per customer; no models are active. */
  function rescorerAnswering(answers: Map<string, ConsentAnswer> | ((q: ConsentQuestion) => ConsentAnswer)) {
    const identities = new CustomerIdentityView(mongo);
    const answer = typeof answers === 'function' ? answers : (q: ConsentQuestion) => answers.get(q.customerId) ?? { allowed: false, reason: 'denied' as const };
    return new CustomerRescorer({
      facts,
      touches,
      vectors,
      scores: new ScoreRepository(mongo),
      models: new ActiveModels(new ModelRegistryRepository(mongo)),
      learners: { clv: bgNbdClvModel },
      identities,
      consent: { check: async (q: ConsentQuestion) => answer(q), invalidate: () => undefined },
      events: { publishMany: async () => undefined },
      logger: createLogger('profiling-objection-test', 'silent'),
    });
  }

  it('keeps the facts of the allowed customers of a batch only, and those of an unanswered one once governance answers on the retry', async () => {
    const [allowed, denied, unanswered] = [uniqueName('ta'), uniqueName('td'), uniqueName('tu')];
    const answers = new Map<string, ConsentAnswer>([
      [allowed, { allowed: true, reason: 'granted' }],
      [denied, { allowed: false, reason: 'withdrawn' }],
      [unanswered, { allowed: false, reason: 'unavailable' }],
    ]);
    const asked: string[] = [];
    const rescorer = rescorerAnswering((q) => (asked.push(q.customerId), answers.get(q.customerId)!));
    const batch = [allowed, denied, unanswered].map((id) => reported(id, 2, 'crm', { gender: 'F', locality: 'Leeds' }));
    const { unanswered: retry } = await rescorer.onUpdates(batch);
    expect(retry.map((e) => e.customerId)).toEqual([unanswered]);
    // Asked before the write, then (the yes only) after it: governance not answering is not waited for twice.
    expect(asked.sort()).toEqual([allowed, allowed, denied, unanswered].sort());
    expect(await factsUnder([allowed])).toEqual({ touchFacts: 1, touches: 1, attributes: 1, traits: 1 });
    expect(await factsUnder([denied])).toEqual(NOTHING);
    expect(await factsUnder([unanswered])).toEqual(NOTHING);

    answers.set(unanswered, { allowed: true, reason: 'granted' });
    expect((await rescorer.onUpdates(retry)).unanswered).toEqual([]);
    expect((await traitsUnder([unanswered])).map((p) => p.traits)).toEqual([{ gender: 'F', locality: 'Leeds' }]);
    expect(await factsUnder([unanswered])).toEqual({ touchFacts: 1, touches: 1, attributes: 1, traits: 1 });
    expect((await vectors.get(unanswered))!.features['golden.locality']).toBe('leeds');
  }, 30_000);

  it('removes the facts it just kept when a withdrawal lands between the consent answer and the write', async () => {
    const id = uniqueName('tw');
    // The first answer (before the write) is yes; governance says withdrawn by the time it is asked again.
    let asked = 0;
    const rescorer = rescorerAnswering(() => (++asked === 1 ? { allowed: true, reason: 'granted' } : { allowed: false, reason: 'withdrawn' }));
    await rescorer.onUpdates([reported(id, 1, 'crm', { gender: 'M' })]);
    expect(asked).toBe(2);
    expect(await factsUnder([id])).toEqual(NOTHING);
    expect(await vectors.countForCustomers([id])).toBe(0);
  });
});

describe('sentiment scored as a withdrawal lands', () => {
  it('is removed again, and no turn is published, when consent is withdrawn between the answer and the write', async () => {
    const PRAISE = 'Wonderful staff, so helpful, I love this shop!';
    const ANGER = 'This is the worst service ever. I am furious and disgusted, terrible!';
    const textOf = new Map<string, string>();
    const published: string[] = [];
    // Each customer's answers in turn (one per question); once used up, the last stands.
    const script = new Map<string, boolean[]>();
    const scoring = new SentimentScoring({
      scores: sentiments,
      models: new SentimentModels(new SentimentModelRepository(mongo)),
      texts: {
        textsOf: async (ids) =>
          ids.map((messageId) => ({ messageId, type: 'track', channel: 'email' as const, occurredAt: new Date(now - DAY), text: textOf.get(messageId)! })),
      },
      identities: new CustomerIdentityView(mongo),
      consent: {
        check: async (q) => {
          const answers = script.get(q.customerId)!;
          const allowed = answers.length > 1 ? answers.shift()! : answers[0]!;
          return allowed ? { allowed: true, reason: 'granted' } : { allowed: false, reason: 'withdrawn' };
        },
      },
      events: { publish: async (_name, payload) => void published.push((payload as { customerId: string }).customerId) },
    });
    const say = async (customerId: string, text: string, daysAgo: number) => {
      const event = updateWith(customerId, [{ at: new Date(now - daysAgo * DAY), channel: 'email' }]);
      textOf.set(event.touchpoints![0]!.messageId, text);
      await scoring.onCustomerUpdated(event);
    };
    const [control, withdrawing] = [uniqueName('sc'), uniqueName('sw')];
    for (const id of [control, withdrawing]) {
      script.set(id, [true]);
      for (const daysAgo of [9, 6, 3]) await say(id, PRAISE, daysAgo);
    }
    // The same turn is published for a customer still consenting...
    await say(control, ANGER, 1);
    expect(published).toEqual([control]);
    expect(await sentiments.countForCustomers([control])).toBe(4);
    // ...but not for one whose withdrawal landed after the first answer: what was kept on them goes.
    script.set(withdrawing, [true, false]);
    await say(withdrawing, ANGER, 1);
    expect(published).toEqual([control]);
    expect(await sentiments.countForCustomers([withdrawing])).toBe(0);
  });
});

describe('for a customer who objects to profiling, what serves other purposes goes on', () => {
  let nba: DecisionsHarness;
  let nbaMongo: Connection;
  const MIN = 60_000;
  const ago = (minutes: number) => new Date(Date.now() - minutes * MIN);

  beforeAll(async () => {
    nba = await startInsightsHarness({
      DROPOFF_JOURNEYS: JSON.stringify([{ name: 'checkout', start: ['checkout_started'], steps: ['shipping_info_added'], complete: ['order_completed'] }]),
      // Untrained, the usual time is 5 minutes: a checkout begun 30 minutes ago is overdue at once.
      DROPOFF_DEFAULT_USUAL_MINUTES: '5',
      DROPOFF_SWEEP_MS: '200',
      DROPOFF_THRESHOLD: '0.8',
      NBA_HOLDOUT_SHARE: '0',
      NBA_CONVERSION_EVENTS: 'order_completed',
    });
    nbaMongo = await connectMongo(testStack().MONGODB_URI, nba.db);
  }, 60_000);

  afterAll(async () => {
    await nbaMongo.close();
    await nba.close();
  });

  it('announces a drop-off and rewards a decision from updates none of which is kept in touch or feature facts', async () => {
    const [leaving, converting] = [uniqueName('nl'), uniqueName('nc')];
    for (const customerId of [leaving, converting])
      nba.governance.set({
        customerId,
        restricted: false,
        consents: [
          { purpose: 'profiling', channel: null, status: 'withdrawn' },
          { purpose: 'marketing', channel: 'email', status: 'granted' },
        ],
      });
    const placement = uniqueName('p').toLowerCase();
    const action = uniqueName('obj').toLowerCase();
    const defined = await nba.gql(`mutation ($input: ActionInput!) { defineAction(input: $input) { id } }`, {
      input: { kind: 'OFFER', name: 'Test', id: action, channels: ['EMAIL'], placements: [placement] },
    });
    expect(defined.errors).toBeUndefined();
    const from = new Date(Date.now() - 1000).toISOString();
    const decided = await nba.gql<{ decideNextBestAction: { decision: { id: string; channel: string } | null } }>(
      `mutation ($c: ID!, $p: String!) { decideNextBestAction(customerId: $c, placement: $p) { decision { id channel } } }`,
      { c: converting, p: placement },
    );
    expect(decided.data?.decideNextBestAction.decision?.channel).toBe('EMAIL');

    await nba.touch(leaving, [
      { event: 'checkout_started', at: ago(30) },
      { event: 'shipping_info_added', at: ago(29) },
    ]);
    await nba.touch(converting, [{ event: 'order_completed', at: new Date() }]);

    // Drop-off: the abandoned checkout is announced to generation, on the marketing consent it has.
    const generation = createQueue({ connection: nba.redis, prefix: nba.prefix }, eventQueueName(EVENTS.journeyDropoff, 'generation'));
    try {
      const announced = await waitFor(
        async () => {
          const jobs = await generation.getJobs(['waiting', 'delayed', 'prioritized']);
          const found = jobs.map((j) => journeyDropoffEventSchema.parse(j.data)).filter((e) => e.customerId === leaving);
          return found.length > 0 && found;
        },
        30_000,
        'drop-off announced',
      );
      expect(announced[0]).toMatchObject({ customerId: leaving, journey: 'checkout', stepReached: 'shipping_info_added', channels: ['email'] });
    } finally {
      await generation.close();
    }

    // Decision rewards: the conversion rewards the decision made for the customer.
    const stats = await waitFor(
      async () => {
        const res = await nba.gql<{ decisionStats: { actionId: string; decisions: number; outcomes: number; rewards: number }[] }>(
          `query ($from: DateTime!, $to: DateTime!) { decisionStats(from: $from, to: $to) { actionId decisions outcomes rewards } }`,
          { from, to: new Date(Date.now() + 1000).toISOString() },
          ANALYST,
        );
        const line = res.data?.decisionStats.find((s) => s.actionId === action);
        return line && line.outcomes === 1 && line;
      },
      30_000,
      'decision rewarded',
    );
    expect(stats).toMatchObject({ decisions: 1, outcomes: 1, rewards: 1 });

    // Neither update is kept in the stores that serve profiling alone.
    const nbaTouches = new TouchFactRepository(nbaMongo);
    const nbaFacts = new FeatureFactsRepository(nbaMongo);
    expect(await nbaTouches.countForCustomers([leaving, converting])).toBe(0);
    expect(await nbaFacts.countForCustomers([leaving, converting])).toEqual({ featureTouches: 0, featureAttributes: 0 });
  }, 90_000);
});
