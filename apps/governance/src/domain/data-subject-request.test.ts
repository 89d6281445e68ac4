import { checkReceivedAt, dueDate, isOverdue } from './data-subject-request';

const received = new Date('2026-03-01T12:00:00Z');

describe('request deadlines', () => {
  it('is due the configured number of days after the request was received', () => {
    expect(dueDate(received, 30)).toEqual(new Date('2026-03-31T12:00:00Z'));
    expect(dueDate(received, 10)).toEqual(new Date('2026-03-11T12:00:00Z'));
  });

  it('is overdue only while open and past its due date', () => {
    const dueAt = dueDate(received, 30);
    const after = new Date('2026-04-01T00:00:00Z');
    expect(isOverdue({ status: 'pending', dueAt }, new Date('2026-03-30T00:00:00Z'))).toBe(false);
    expect(isOverdue({ status: 'pending', dueAt }, after)).toBe(true);
    expect(isOverdue({ status: 'verifying', dueAt }, after)).toBe(true);
    expect(isOverdue({ status: 'completed', dueAt }, after)).toBe(false);
    expect(isOverdue({ status: 'failed', dueAt }, after)).toBe(false);
  });

  it('refuses a receipt date in the future or absurdly old', () => {
    const now = new Date('2026-03-10T00:00:00Z');
    expect(checkReceivedAt(received, now)).toBeNull();
    expect(checkReceivedAt(new Date('2026-03-11T00:00:00Z'), now)).toContain('future');
    expect(checkReceivedAt(new Date('2024-01-01T00:00:00Z'), now)).toContain('year');
  });
});
