import { customerUpdatedEventSchema, linkJobSchema, parseBatchJob } from './jobs';
import type { TraceCarrier } from './trace-context';

const carrier: TraceCarrier = { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', tracestate: 'c360=1' };

describe('a payload carrying trace context', () => {
  it('reads as the same customer.updated without it', () => {
    const event = { customerId: 'c-1', version: 3, mergedCustomerIds: [], updatedAt: '2026-10-01T09:00:00.000Z' };
    expect(customerUpdatedEventSchema.parse({ ...event, ...carrier })).toEqual(customerUpdatedEventSchema.parse(event));
  });

  it('reads as the same batch job without it', () => {
    const job = { items: [{ messageId: 'm-1', customerId: 'c-1', mergedCustomerIds: [], linkedAt: '2026-10-01T09:00:00.000Z' }] };
    const parsed = parseBatchJob(linkJobSchema, { ...job, ...carrier });
    expect(parsed).toEqual(parseBatchJob(linkJobSchema, job));
    expect(parsed?.malformed).toEqual([]);
  });
});
