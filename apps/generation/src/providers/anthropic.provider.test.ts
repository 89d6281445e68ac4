import { traitsFrom } from '../domain/traits';
import { AnthropicProvider, type MessagesClient } from './anthropic.provider';

// No network here: a stand-in for the SDK's messages endpoint checks what the provider sends and
// how it reads the answer. The call against Anthropic's API itself is not exercised in tests.
function clientAnswering(content: { type: string; text?: string }[]) {
  const calls: unknown[] = [];
  const client: MessagesClient = { messages: { create: async (body) => (calls.push(body), { content }) } };
  return { client, calls };
}

const traits = traitsFrom([{ channel: 'store', touchCount: 1, firstSeenAt: new Date('2026-04-01T10:00:00Z'), lastSeenAt: new Date('2026-04-01T10:00:00Z') }])!;

describe('AnthropicProvider', () => {
  it('sends the traits-only prompt to the configured model and labels the draft', async () => {
    const { client, calls } = clientAnswering([{ type: 'text', text: ' Hello again! ' }]);
    const draft = await new AnthropicProvider(client, 'claude-test').draftGreeting(traits);
    expect(draft).toEqual({ text: 'Hello again!', provider: 'anthropic', model: 'claude-test' });
    expect(calls[0]).toMatchObject({ model: 'claude-test', messages: [{ role: 'user', content: expect.stringContaining('one of our stores') }] });
  });

  it('fails rather than storing an empty draft', async () => {
    const { client } = clientAnswering([{ type: 'tool_use' }]);
    await expect(new AnthropicProvider(client, 'm').draftGreeting(traits)).rejects.toThrow('no text');
  });
});
