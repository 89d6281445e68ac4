import Anthropic from '@anthropic-ai/sdk';
import { greetingPrompt } from '../domain/greeting';
import type { CustomerTraits } from '../domain/traits';
import type { ContentProvider, Draft } from './content-provider';

/** The part of the SDK client this provider uses, so tests can supply their own. */
export interface MessagesClient {
  messages: {
    create(body: { model: string; max_tokens: number; messages: { role: 'user'; content: string }[] }): Promise<{ content: { type: string; text?: string }[] }>;
  };
}

export function createAnthropicClient(apiKey: string): MessagesClient {
  return new Anthropic({ apiKey, maxRetries: 2, timeout: 20_000 }) as unknown as MessagesClient;
}

export class AnthropicProvider implements ContentProvider {
  constructor(
    private readonly client: MessagesClient,
    private readonly model: string,
  ) {}

  async draftGreeting(traits: CustomerTraits): Promise<Draft> {
    const response = await this.client.messages.create({
      model: this.model,
      max_tokens: 200,
      messages: [{ role: 'user', content: greetingPrompt(traits) }],
    });
    const text = response.content
      .filter((block) => block.type === 'text')
      .map((block) => block.text ?? '')
      .join('')
      .trim();
    if (!text) throw new Error('the model returned no text');
    return { text, provider: 'anthropic', model: this.model };
  }
}
