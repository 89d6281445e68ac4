import { customerStillHeld, isFinal, orderRequests } from './requests';

describe('orderRequests', () => {
  it('puts overdue requests first, open before completed, then the soonest due', () => {
    const ordered = orderRequests([
      { id: 'done', dueAt: '2026-01-01', overdue: false, completedAt: '2026-01-01' },
      { id: 'later', dueAt: '2026-03-01', overdue: false },
      { id: 'late', dueAt: '2026-02-01', overdue: true },
      { id: 'soon', dueAt: '2026-02-15', overdue: false },
    ]);
    expect(ordered.map((r) => r.id)).toEqual(['late', 'soon', 'later', 'done']);
  });

  it('knows which statuses end a request', () => {
    expect(['PENDING', 'VERIFYING', 'COMPLETED', 'FAILED', 'LIFTED'].filter(isFinal)).toEqual(['COMPLETED', 'FAILED', 'LIFTED']);
  });

  it('offers the customer of a request unless an erasure has removed them or is removing them', () => {
    expect(customerStillHeld('ACCESS', 'COMPLETED')).toBe(true);
    expect(customerStillHeld('RESTRICTION', 'PENDING')).toBe(true);
    expect(customerStillHeld('ERASURE', 'PENDING')).toBe(false);
    expect(customerStillHeld('ERASURE', 'COMPLETED')).toBe(false);
    // A failed erasure left the customer in place.
    expect(customerStillHeld('ERASURE', 'FAILED')).toBe(true);
  });
});
