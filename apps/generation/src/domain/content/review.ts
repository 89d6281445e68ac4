import type { ContentChannel, ContentPurpose } from './content-channels';

export const DRAFT_STATUSES = ['pending_review', 'approved', 'rejected', 'withdrawn'] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];
export type ReviewAction = 'approve' | 'edit' | 'reject' | 'withdraw';

/**
 * A draft waits for a person unless the policy names its channel and purpose. Entries are
 * `channel:purpose`, either side may be `*`; an empty policy approves nothing.
 */
export function autoApproved(policy: readonly string[], channel: ContentChannel, purpose: ContentPurpose): boolean {
  return policy.some((entry) => {
    const [c, p] = entry.split(':');
    return (c === '*' || c === channel) && (p === '*' || p === purpose);
  });
}

/**
 * What each review action may start from: a decided draft is final (a rejected one is not revived,
 * an approved one may already be in use as a decision arm, so it is not edited but may be withdrawn,
 * which ends its use for good); an edit sends a draft back to review.
 */
const FROM: Record<ReviewAction, readonly DraftStatus[]> = {
  approve: ['pending_review'],
  edit: ['pending_review'],
  reject: ['pending_review'],
  withdraw: ['approved'],
};

const TO: Record<ReviewAction, DraftStatus> = { approve: 'approved', edit: 'pending_review', reject: 'rejected', withdraw: 'withdrawn' };

export function reviewTransition(status: DraftStatus, action: ReviewAction): DraftStatus | null {
  return FROM[action].includes(status) ? TO[action] : null;
}
