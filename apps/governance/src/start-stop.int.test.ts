import { dropDatabase, testStack, uniqueName } from '@c360/testing';
import { startTestGovernance } from './testing/governance.harness';

const db = uniqueName('c360_test_governance_start_stop');

afterAll(() => dropDatabase(testStack().MONGODB_URI, db));

describe('governance stopped the moment it started', () => {
  // Its partner fan-out workers and queue-metric handles are still connecting then; closing them
  // mid-start once failed their start after BullMQ had removed its listeners: an 'error' heard by
  // no one, which ends the process (1 or 2 of 15 cycles before untilStarted and the drain's wait).
  it('closes every queue handle and worker cleanly, cycle after cycle', async () => {
    for (let i = 0; i < 15; i++) {
      const gov = await startTestGovernance({ MONGODB_DB: db, QUEUE_PREFIX: uniqueName('t') });
      await expect(gov.service.close()).resolves.toBeUndefined();
    }
  });
});
