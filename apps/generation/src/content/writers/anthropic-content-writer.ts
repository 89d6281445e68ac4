import Anthropic from '@anthropic-ai/sdk';
import type { ContentPurpose } from '../../domain/content/content-channels';
import { SYSTEM_PROMPT, userMessage, type WriterRequest } from '../../domain/content/prompt';
import { retryDelay, type CallFailure, type RetryBudget } from '../../domain/content/retry-policy';
import { costOf, totalTokens, type ModelPricing, type TokenUsage } from '../../domain/content/usage-cost';
import { ContentError } from '../content-errors';
import type { TokenBudgetStore } from '../store/token-budget.store';
import type { ContentWriter, WriterAnswer } from './content-writer';

export interface AnthropicWriterOptions {
  apiKey: string;
  /** Anthropic's API unless set; tests point it at a local server speaking the Messages API. */
  baseURL?: string;
  model: string;
  brandGuide: string;
  pricing: ModelPricing;
  /** Output tokens allowed per variant, per channel family of length. */
  maxTokensPerVariant: number;
  /** Requests allowed more output tokens than this are streamed (long answers would otherwise risk the HTTP timeout). */
  streamAboveTokens: number;
  timeoutMs: number;
  retry: RetryBudget;
  budget: TokenBudgetStore;
  sleep?: (ms: number) => Promise<void>;
}

type MessageBody = Anthropic.MessageCreateParamsNonStreaming;

function failureOf(err: unknown): CallFailure {
  if (err instanceof Anthropic.APIConnectionTimeoutError) return { timedOut: true };
  if (err instanceof Anthropic.APIError) {
    const headers = err.headers as Headers | undefined;
    return {
      status: err.status,
      type: err.type ?? (err.error as { error?: { type?: string } } | undefined)?.error?.type ?? null,
      connectionFailed: err instanceof Anthropic.APIConnectionError,
      retryAfter: headers?.get('retry-after') ?? null,
      retryAfterMs: headers?.get('retry-after-ms') ?? null,
    };
  }
  return {};
}

function usageOf(message: Anthropic.Message): TokenUsage {
  const u = message.usage;
  return {
    inputTokens: u.input_tokens,
    outputTokens: u.output_tokens,
    cacheCreationInputTokens: u.cache_creation_input_tokens ?? 0,
    cacheReadInputTokens: u.cache_read_input_tokens ?? 0,
  };
}

/**
 * Claude through @anthropic-ai/sdk. The system prompt and brand guide are the same for every
 * request and carry `cache_control`, so repeated drafts read them from the prompt cache; only the
 * minimised per-customer message varies. Retries are ours, not the SDK's (maxRetries 0), so that
 * one budget bounds them and every wait honours retry-after.
 */
export class AnthropicContentWriter implements ContentWriter {
  readonly provider = 'anthropic' as const;
  readonly model: string;
  private readonly client: Anthropic;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: AnthropicWriterOptions) {
    this.model = options.model;
    this.client = new Anthropic({ apiKey: options.apiKey, baseURL: options.baseURL, maxRetries: 0, timeout: options.timeoutMs });
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  async write(request: WriterRequest, purpose: ContentPurpose): Promise<WriterAnswer> {
    const body = this.bodyFor(request);
    // Worst case: the whole prompt (about 4 characters a token, rounded up generously) plus every output token.
    const promptChars = JSON.stringify(body.system).length + JSON.stringify(body.messages).length;
    const reservation = await this.options.budget.reserve(purpose, Math.ceil(promptChars / 3) + body.max_tokens);
    if (!reservation) throw new ContentError('TOKEN_BUDGET_EXHAUSTED', `today's token budget for ${purpose} is spent`, { purpose });
    let used = 0;
    try {
      const message = await this.callWithRetries(body);
      const usage = usageOf(message);
      used = totalTokens(usage);
      const text = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
      return { text, usage, costUsd: costOf(usage, this.options.pricing) };
    } finally {
      await this.options.budget.settle(reservation, used);
    }
  }

  private bodyFor(request: WriterRequest): MessageBody {
    return {
      model: this.model,
      max_tokens: this.options.maxTokensPerVariant * request.variants + 100,
      system: [
        { type: 'text', text: SYSTEM_PROMPT, cache_control: { type: 'ephemeral' } },
        { type: 'text', text: `Brand guide:\n${this.options.brandGuide}`, cache_control: { type: 'ephemeral' } },
      ],
      messages: [{ role: 'user', content: userMessage(request) }],
    };
  }

  private async callOnce(body: MessageBody): Promise<Anthropic.Message> {
    if (body.max_tokens > this.options.streamAboveTokens) return this.client.messages.stream(body).finalMessage();
    return this.client.messages.create(body);
  }

  private async callWithRetries(body: MessageBody): Promise<Anthropic.Message> {
    let waited = 0;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.callOnce(body);
      } catch (err) {
        const failure = failureOf(err);
        const delay = retryDelay(failure, attempt, waited, this.options.retry);
        if (delay === null) {
          const what = failure.timedOut ? 'timed out' : failure.status ? `answered ${failure.status}${failure.type ? ` ${failure.type}` : ''}` : 'failed';
          throw new ContentError('PROVIDER_UNAVAILABLE', `the model provider ${what} after ${attempt + 1} attempt(s)`, {
            attempts: attempt + 1,
            status: failure.status ?? null,
          });
        }
        waited += delay;
        await this.sleep(delay);
      }
    }
  }
}
