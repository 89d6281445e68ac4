import { createLogger, type RunningService } from '@c360/service-kit';
import { dropDatabase, subgraphRequest, testStack, waitFor } from '@c360/testing';
import { startTouchpointStore } from '../service';
import { postBatch, testConfig, token, touchpoint } from '../testing/touchpoint-fixtures';

const config = testConfig();
let service: RunningService;

beforeAll(async () => {
  service = await startTouchpointStore(config, createLogger('tp-texts-test', 'silent'));
});

afterAll(async () => {
  await service.close();
  await dropDatabase(testStack().MONGODB_URI, config.MONGODB_DB);
});

const TEXTS = /* GraphQL */ `
  query ($ids: [ID!]!) {
    touchpointTexts(messageIds: $ids) {
      messageId
      type
      channel
      occurredAt
      text
    }
  }
`;
type TextsData = { touchpointTexts: { messageId: string; type: string; channel: string; occurredAt: string; text: string }[] };

describe('touchpointTexts (for services scoring text)', () => {
  it('answers the text of the named touchpoints that have any, and nothing for the others', async () => {
    const review = touchpoint({ type: 'contact', event: undefined, channel: 'call_center', text: 'The agent was rude and I want a refund.' });
    const blank = touchpoint({ text: '   ' });
    const silent = touchpoint();
    await postBatch(service.url, [review, blank, silent], await token());
    const ids = [review.messageId, blank.messageId, silent.messageId, 'never-stored'];
    const res = await waitFor(async () => {
      const r = await subgraphRequest<TextsData>(service.url, TEXTS, { ids });
      return (r.data?.touchpointTexts.length ?? 0) > 0 && r;
    });
    expect(res.data!.touchpointTexts).toEqual([
      { messageId: review.messageId, type: 'contact', channel: 'CALL_CENTER', occurredAt: review.occurredAt, text: review.text },
    ]);
  });

  it('is closed to every role but service, and bounds how many ids one question names', async () => {
    for (const role of ['analyst', 'marketer', 'support'] as const) {
      const r = await subgraphRequest<TextsData>(service.url, TEXTS, { ids: ['x'] }, { subject: 't', roles: [role], scopes: [] });
      expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const tooMany = Array.from({ length: 1001 }, (_, i) => `m${i}`);
    const r = await subgraphRequest<TextsData>(service.url, TEXTS, { ids: tooMany });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
