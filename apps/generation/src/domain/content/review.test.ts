import { autoApproved, reviewTransition } from './review';

describe('review', () => {
  it('approves automatically only what the policy names', () => {
    expect(autoApproved([], 'email', 'welcome')).toBe(false);
    expect(autoApproved(['call_script:service'], 'call_script', 'service')).toBe(true);
    expect(autoApproved(['call_script:service'], 'call_script', 'recovery')).toBe(false);
    expect(autoApproved(['*:service', 'sms:*'], 'push', 'service')).toBe(true);
    expect(autoApproved(['*:service', 'sms:*'], 'sms', 'welcome')).toBe(true);
  });

  it('decides a pending draft once; an edit sends it back to review', () => {
    expect(reviewTransition('pending_review', 'approve')).toBe('approved');
    expect(reviewTransition('pending_review', 'reject')).toBe('rejected');
    expect(reviewTransition('pending_review', 'edit')).toBe('pending_review');
    expect(reviewTransition('approved', 'reject')).toBeNull();
    expect(reviewTransition('rejected', 'approve')).toBeNull();
    expect(reviewTransition('approved', 'edit')).toBeNull();
  });
});
