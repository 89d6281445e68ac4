import { createRedisConnection, type RedisClient } from '@c360/service-kit';
import { testStack, uniqueName } from '@c360/testing';
import { channelSpecs } from '../../domain/content/content-channels';
import type { WriterRequest } from '../../domain/content/prompt';
import { startFakeMessagesApi, type FakeMessagesApi } from '../../testing/fake-messages-api';
import { ContentError } from '../content-errors';
import { TokenBudgetStore } from '../store/token-budget.store';
import { AnthropicContentWriter, type AnthropicWriterOptions } from './anthropic-content-writer';

const stack = testStack();
let redis: RedisClient;
let api: FakeMessagesApi;

beforeAll(async () => {
  redis = createRedisConnection(stack.REDIS_URL);
  api = await startFakeMessagesApi();
});
afterAll(async () => {
  await api.close();
  await redis.quit();
});

const request = (variants = 1, channel: 'email' | 'call_script' = 'email'): WriterRequest => ({
  channel,
  purpose: 'recovery',
  brief: 'Invite them back',
  variants,
  spec: channelSpecs()[channel],
  facts: [{ source: 'insights', key: 'segment', value: 'weekend shoppers' }],
  placeholders: ['first_name'],
  offers: [],
  feedback: [],
});

function writer(overrides: Partial<AnthropicWriterOptions> = {}) {
  const waits: number[] = [];
  const budget = new TokenBudgetStore(redis, uniqueName('t'), {}, 1_000_000);
  const w = new AnthropicContentWriter({
    apiKey: 'test-key-not-real',
    baseURL: api.url,
    model: 'claude-test-model',
    brandGuide: 'Say "we".',
    pricing: { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 },
    maxTokensPerVariant: 300,
    streamAboveTokens: 1_000,
    timeoutMs: 2_000,
    retry: { maxRetries: 3, maxWaitMs: 5_000, baseDelayMs: 10 },
    budget,
    sleep: async (ms) => void waits.push(ms),
    ...overrides,
  });
  return { w, waits, budget };
}

const sent = () => api.requests.length;

describe('Anthropic writer against a local Messages API', () => {
  it('sends the cached system prompt and brand guide, the model, and reads usage and cost', async () => {
    const before = sent();
    const { w } = writer();
    const answer = await w.write(request(), 'recovery');
    const req = api.requests[before]!;
    expect(req.path).toBe('/v1/messages');
    // This SDK release sends the key as a bearer token (older ones used x-api-key).
    expect(`${req.headers['authorization'] ?? ''}${req.headers['x-api-key'] ?? ''}`).toContain('test-key-not-real');
    expect(req.body.model).toBe('claude-test-model');
    expect(req.body.stream).toBeUndefined();
    expect(req.body.system).toEqual([
      expect.objectContaining({ type: 'text', text: expect.stringContaining('Ground every statement'), cache_control: { type: 'ephemeral' } }),
      expect.objectContaining({ type: 'text', text: expect.stringContaining('Say "we".'), cache_control: { type: 'ephemeral' } }),
    ]);
    expect(req.body.messages[0]?.content).toContain('segment: weekend shoppers');
    expect(answer.usage).toEqual({ inputTokens: 420, outputTokens: 180, cacheCreationInputTokens: 0, cacheReadInputTokens: 1200 });
    // 420×3 + 180×15 + 1200×0.3 per million
    expect(answer.costUsd).toBeCloseTo(0.00432, 6);
    expect(JSON.parse(answer.text).variants).toHaveLength(1);
  });

  it('streams long outputs (SSE) and assembles the text', async () => {
    const before = sent();
    const answer = await writer().w.write(request(5, 'call_script'), 'service');
    expect(api.requests[before]?.body.stream).toBe(true);
    expect(api.requests[before]?.body.max_tokens).toBe(1_600);
    expect(JSON.parse(answer.text).variants).toHaveLength(5);
    expect(answer.usage.outputTokens).toBe(180);
  });

  it('retries 429 honouring retry-after, and 529 overloaded honouring retry-after-ms', async () => {
    api.script(
      { kind: 'error', status: 429, type: 'rate_limit_error', headers: { 'retry-after': '2' } },
      { kind: 'error', status: 529, type: 'overloaded_error', headers: { 'retry-after-ms': '150' } },
    );
    const before = sent();
    const { w, waits } = writer();
    await w.write(request(), 'recovery');
    expect(sent() - before).toBe(3);
    expect(waits).toEqual([2_000, 150]);
  });

  it('retries an overloaded error arriving inside a stream', async () => {
    api.script({ kind: 'stream-error', type: 'overloaded_error' });
    const before = sent();
    const { w, waits } = writer();
    const answer = await w.write(request(5, 'call_script'), 'service');
    expect(sent() - before).toBe(2);
    expect(waits).toEqual([10]);
    expect(JSON.parse(answer.text).variants).toHaveLength(5);
  });

  it('backs off on 500 and gives up with PROVIDER_UNAVAILABLE after the retry budget', async () => {
    api.script(...Array.from({ length: 4 }, () => ({ kind: 'error' as const, status: 500, type: 'api_error' })));
    const before = sent();
    const { w, waits } = writer();
    const err = await w.write(request(), 'recovery').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContentError);
    expect((err as ContentError).code).toBe('PROVIDER_UNAVAILABLE');
    expect((err as ContentError).details).toMatchObject({ attempts: 4, status: 500 });
    expect(sent() - before).toBe(4);
    expect(waits).toEqual([10, 20, 40]);
  });

  it('stops when retry-after asks for more than the wait budget left', async () => {
    api.script({ kind: 'error', status: 429, type: 'rate_limit_error', headers: { 'retry-after': '60' } });
    const before = sent();
    const err = await writer()
      .w.write(request(), 'recovery')
      .catch((e: unknown) => e);
    expect((err as ContentError).code).toBe('PROVIDER_UNAVAILABLE');
    expect(sent() - before).toBe(1);
  });

  it('does not retry a bad request', async () => {
    api.script({ kind: 'error', status: 400, type: 'invalid_request_error' });
    const before = sent();
    const err = await writer()
      .w.write(request(), 'recovery')
      .catch((e: unknown) => e);
    expect((err as ContentError).code).toBe('PROVIDER_UNAVAILABLE');
    expect(sent() - before).toBe(1);
  });

  it('times out a hung call, retries it, and gives up within the budget', async () => {
    api.script({ kind: 'hang', ms: 5_000 }, { kind: 'hang', ms: 5_000 });
    const before = sent();
    const started = Date.now();
    const err = await writer({ timeoutMs: 300, retry: { maxRetries: 1, maxWaitMs: 1_000, baseDelayMs: 10 } })
      .w.write(request(), 'recovery')
      .catch((e: unknown) => e);
    expect((err as ContentError).code).toBe('PROVIDER_UNAVAILABLE');
    expect((err as ContentError).message).toContain('timed out');
    expect(sent() - before).toBe(2);
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('enforces the daily token budget per purpose and settles reservations to the real usage', async () => {
    const prefix = uniqueName('t');
    const budget = new TokenBudgetStore(redis, prefix, { recovery: 2_500 }, 1_000_000);
    const { w } = writer({ budget });
    await w.write(request(), 'recovery');
    expect(await budget.used('recovery')).toBe(420 + 180 + 1200);
    await w.write(request(), 'welcome');
    const before = sent();
    const err = await w.write(request(), 'recovery').catch((e: unknown) => e);
    expect((err as ContentError).code).toBe('TOKEN_BUDGET_EXHAUSTED');
    expect(sent()).toBe(before);
    expect(await budget.used('recovery')).toBe(1_800);
  });

  it('releases the reservation of a failed call', async () => {
    api.script({ kind: 'error', status: 400, type: 'invalid_request_error' });
    const budget = new TokenBudgetStore(redis, uniqueName('t'), {}, 1_000_000);
    await writer({ budget })
      .w.write(request(), 'recovery')
      .catch(() => undefined);
    expect(await budget.used('recovery')).toBe(0);
  });
});
