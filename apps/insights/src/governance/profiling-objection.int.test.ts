import type { ConsentAnswer, ConsentQuestion } from '@c360/consent-client';
import { consentChangedChannel, type CustomerUpdatedEvent } from '@c360/contracts';
import { connectMongo, createLogger, CustomerIdentityView, TouchFactRepository } from '@c360/service-kit';
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
import { DAY, InsightsHarness, updateWith } from '../testing/prediction-fixtures';

/*
 * What insights keeps when a customer objects to profiling (withdrawal or restriction), on the real
 * queue, MongoDB and Redis pub/sub, with governance played by the static consent service: derived
 * data and the golden-record trait copies go (under every id of the person), touch facts stay; no
 * traits are kept while the objection stands; after a re-grant they are kept again from the next update.
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

/** An update of one touchpoint `daysAgo`, reporting these traits from `source`, with a text touchpoint-store serves. */
function reported(customerId: string, daysAgo: number, source: string, profile: Record<string, string>, merged: string[] = []): CustomerUpdatedEvent {
  const event = updateWith(customerId, [{ at: new Date(now - daysAgo * DAY), channel: 'email' }], merged);
  const touchpoints = event.touchpoints!.map((t) => ({ ...t, source, profile }));
  for (const t of touchpoints)
    h.texts.add({ messageId: t.messageId, channel: t.channel, occurredAt: t.occurredAt, text: 'Lovely service, thank you so much!' });
  return { ...event, touchpoint: touchpoints.at(-1), touchpoints };
}

const traitsUnder = async (ids: string[]) => (await facts.factsOf(ids)).profiles ?? [];
const profiling = (customerId: string, status: 'granted' | 'withdrawn', restricted = false) =>
  h.governance.set({ customerId, restricted, consents: [{ purpose: 'profiling', channel: null, status }] });
const announce = (customerIds: string[]) =>
  h.redis.publish(consentChangedChannel(h.prefix), JSON.stringify({ customerIds, changedAt: new Date().toISOString() }));

describe('a profiling objection', () => {
  it('removes the trait copies and sentiment under every id of a merged customer and keeps touch facts; keeps no traits until a re-grant, then keeps them again', async () => {
    const [absorbed, survivor] = [uniqueName('ob'), uniqueName('os')];
    await h.publish(reported(absorbed, 10, 'crm', { gender: 'F', country: 'GB' }));
    await h.publish(reported(survivor, 5, 'web', { region: 'Normandie' }));
    await h.drained();
    await h.publish({ ...reported(survivor, 3, 'pos', { locality: 'Rouen' }, [absorbed]), version: 2 });
    await waitFor(async () => (await vectors.get(survivor))?.features['frequency_total'] === 3, 30_000, 'merged features');
    expect((await vectors.get(survivor))!.features['golden.gender']).toBe('f');
    expect(await traitsUnder([absorbed])).toHaveLength(1);
    expect(await traitsUnder([survivor])).toHaveLength(2);
    expect(await sentiments.countForCustomers([absorbed, survivor])).toBe(3);

    // governance names every id of the person; insights follows its own merge lineage as well, so the survivor alone is enough here.
    for (const id of [survivor, absorbed]) profiling(id, 'withdrawn');
    await announce([survivor]);
    await waitFor(
      async () => (await traitsUnder([survivor, absorbed])).length === 0 && (await vectors.countForCustomers([survivor])) === 0,
      15_000,
      'trait copies removed',
    );
    await waitFor(async () => (await sentiments.countForCustomers([absorbed, survivor])) === 0, 15_000, 'sentiment removed');
    expect((await facts.factsOf([survivor, absorbed])).touches).toHaveLength(3);
    expect(await touches.countForCustomers([survivor, absorbed])).toBe(3);

    // While the objection stands an update keeps its touch facts, not its traits, and its text is not scored.
    await h.publish({ ...reported(survivor, 2, 'crm', { gender: 'M' }), version: 3 });
    await h.drained();
    expect(await touches.countForCustomers([survivor, absorbed])).toBe(4);
    expect((await facts.factsOf([survivor, absorbed])).touches).toHaveLength(4);
    expect(await traitsUnder([survivor, absorbed])).toEqual([]);
    expect(await sentiments.countForCustomers([absorbed, survivor])).toBe(0);
    expect(await vectors.countForCustomers([survivor, absorbed])).toBe(0);

    // A re-grant profiles the person again from the touch facts kept; the traits are gone, so the golden features are empty...
    profiling(survivor, 'granted');
    await announce([survivor]);
    const regranted = await waitFor(async () => (await vectors.get(survivor))?.features, 15_000, 'features after the re-grant');
    expect(regranted['frequency_total']).toBe(4);
    expect(regranted['golden.gender']).toBeNull();
    expect(regranted['golden.locality']).toBeNull();

    // ...until the next update brings traits, which are kept and used.
    await h.publish({ ...reported(survivor, 1, 'crm', { gender: 'M', country: 'FR' }), version: 4 });
    const later = await waitFor(async () => {
      const f = (await vectors.get(survivor))?.features;
      return f?.['frequency_total'] === 5 && f;
    }, 30_000);
    expect(later['golden.gender']).toBe('m');
    expect(later['golden.country']).toBe('fr');
    expect((await traitsUnder([survivor])).map((p) => p.traits)).toEqual([{ gender: 'M', country: 'FR' }]);
    expect(await sentiments.countForCustomers([survivor])).toBe(1);
  }, 120_000);

  it('under a restriction (consent granted) removes the trait copies and keeps none from later updates', async () => {
    const id = uniqueName('or');
    await h.publish(reported(id, 4, 'crm', { gender: 'F' }));
    await waitFor(async () => (await traitsUnder([id])).length === 1, 30_000, 'traits kept');
    profiling(id, 'granted', true);
    await announce([id]);
    await waitFor(async () => (await traitsUnder([id])).length === 0, 15_000, 'trait copies removed');
    await h.publish({ ...reported(id, 1, 'crm', { gender: 'F', country: 'IE' }), version: 2 });
    await h.drained();
    expect(await touches.countForCustomers([id])).toBe(2);
    expect(await traitsUnder([id])).toEqual([]);
  }, 60_000);
});

describe('traits of an update, by the consent answer', () => {
  /** A rescorer on the harness' database whose consent answers are set per customer; no models are active. */
  function rescorerAnswering(answers: Map<string, ConsentAnswer> | ((q: ConsentQuestion) => ConsentAnswer)) {
    const identities = new CustomerIdentityView(mongo);
    const answer = typeof answers === 'function' ? answers : (q: ConsentQuestion) => answers.get(q.customerId) ?? { allowed: false, reason: 'denied' as const };
    return new CustomerRescorer({
      facts,
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

  it('keeps the traits of the allowed customers of a batch only, and those of an unanswered one once governance answers on the retry', async () => {
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
    expect(await traitsUnder([allowed])).toHaveLength(1);
    expect(await traitsUnder([denied, unanswered])).toEqual([]);
    expect((await facts.factsOf([denied])).touches).toHaveLength(1);
    expect((await facts.factsOf([unanswered])).touches).toHaveLength(1);

    answers.set(unanswered, { allowed: true, reason: 'granted' });
    expect((await rescorer.onUpdates(retry)).unanswered).toEqual([]);
    expect((await traitsUnder([unanswered])).map((p) => p.traits)).toEqual([{ gender: 'F', locality: 'Leeds' }]);
    expect((await facts.factsOf([unanswered])).touches).toHaveLength(1);
    expect((await vectors.get(unanswered))!.features['golden.locality']).toBe('leeds');
  }, 30_000);

  it('removes the traits it just kept when a withdrawal lands between the consent answer and the write', async () => {
    const id = uniqueName('tw');
    // The first answer (before the write) is yes; governance says withdrawn by the time it is asked again.
    let asked = 0;
    const rescorer = rescorerAnswering(() => (++asked === 1 ? { allowed: true, reason: 'granted' } : { allowed: false, reason: 'withdrawn' }));
    await rescorer.onUpdates([reported(id, 1, 'crm', { gender: 'M' })]);
    expect(asked).toBe(2);
    expect(await traitsUnder([id])).toEqual([]);
    expect((await facts.factsOf([id])).touches).toHaveLength(1);
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
