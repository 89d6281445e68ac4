import { jobIdFor } from '@c360/contracts';
import { errorCodesOf, isHashedJobId, jobSpanAttributes } from './span-attributes';

describe('isHashedJobId', () => {
  it('accepts the ids jobIdFor makes, whatever the kind', () => {
    for (const kind of ['ing', 'res', 'lnk', 'cu-12', 'sentiment-turn', 'band']) expect(isHashedJobId(jobIdFor(kind, 'ada@example.com'))).toBe(true);
  });

  it('refuses ids that may name a person, a request or a client message', () => {
    for (const id of [undefined, 'msg-0001', 'ada@example.com', 'repeat:abc:123', '5f2b7c1e-8d3a-4e0f-9b1c-2a3d4e5f6a7b', `x-${'0'.repeat(31)}`]) {
      expect(isHashedJobId(id)).toBe(false);
    }
  });
});

describe('jobSpanAttributes', () => {
  it('names the queue and counts a batch, keeping a hashed id', () => {
    const id = jobIdFor('res', 'job-1');
    expect(jobSpanAttributes({ queue: 'identity-resolve', name: 'resolve', id, attemptsMade: 2, data: { items: [{}, {}, {}], traceparent: 'x' } })).toEqual({
      'messaging.system': 'bullmq',
      'messaging.destination.name': 'identity-resolve',
      'messaging.operation.type': 'process',
      'bullmq.job.name': 'resolve',
      'bullmq.job.attempt': 3,
      'messaging.message.id': id,
      'messaging.batch.message_count': 3,
    });
  });

  it('leaves out an id that is not a hash and never reads the payload', () => {
    const attributes = jobSpanAttributes({ queue: 'chat', name: 'turn', id: 'client-message-7', attemptsMade: 0, data: { email: 'ada@example.com' } });
    expect(attributes).not.toHaveProperty('messaging.message.id');
    expect(JSON.stringify(attributes)).not.toContain('ada@example.com');
  });
});

describe('errorCodesOf', () => {
  it('keeps each code once and calls a codeless error internal', () => {
    expect(errorCodesOf([{ extensions: { code: 'BAD_USER_INPUT' } }, {}, { extensions: { code: 'BAD_USER_INPUT' } }])).toEqual([
      'BAD_USER_INPUT',
      'INTERNAL_SERVER_ERROR',
    ]);
  });
});
