import type { DraftStatus } from '../__generated__/graphql';
import { isMasked } from './masking';
import { can } from './roles';

/** The decisions the console offers on one draft. */
export interface DraftRights {
  approve: boolean;
  edit: boolean;
  reject: boolean;
  withdraw: boolean;
}

export const NO_DRAFT_RIGHTS: DraftRights = { approve: false, edit: false, reject: false, withdraw: false };

/**
 * What a role may do to a draft in a status, as generation's review allows it: approve, edit or reject
 * while it waits for review; withdraw once approved; nothing once rejected or withdrawn (final).
 */
export function draftRights(roles: readonly string[], status: DraftStatus): DraftRights {
  if (status === 'PENDING_REVIEW')
    return { approve: can(roles, 'approveDraft'), edit: can(roles, 'editDraft'), reject: can(roles, 'rejectDraft'), withdraw: false };
  if (status === 'APPROVED') return { ...NO_DRAFT_RIGHTS, withdraw: can(roles, 'withdrawDraft') };
  return NO_DRAFT_RIGHTS;
}

interface VariantText {
  subject?: string | null;
  headline?: string | null;
  body: string;
  callToAction?: string | null;
}

/**
 * Whether any part of the variants came masked (the customer's consent does not cover the marketer
 * seeing it). Such a draft is not edited in the console: saving would write the mask over the text.
 */
export function hasMaskedText(variants: readonly VariantText[]): boolean {
  return variants.some((v) => [v.subject, v.headline, v.body, v.callToAction].some(isMasked));
}

/** generation's cap on a rejection or withdrawal reason. */
export const MAX_REASON_CHARS = 1_000;
