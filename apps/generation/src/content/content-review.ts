import type { Caller } from '@c360/auth';
import type { ChannelSpec, ContentChannel, VariantParts } from '../domain/content/content-channels';
import { armsEventFor } from '../domain/content/content-arms';
import { checkFinalOutput, checkShape, type CheckFailure, type TonePolicy } from '../domain/content/output-checks';
import { findContactDetails } from '../domain/content/personal-data';
import { reviewTransition, type ReviewAction } from '../domain/content/review';
import { checkFailed, ContentError } from './content-errors';
import type { ContentArmsAnnouncer } from './content-arms.announcer';
import type { ContentDraft, ContentDraftRepository } from './store/content-draft.repository';

export interface ReviewPolicy {
  specs: Record<ContentChannel, ChannelSpec>;
  bannedPhrases: readonly string[];
  tone: TonePolicy;
}

const MAX_REASON = 1_000;

function reasonOf(reason: string): string {
  if (!reason.trim() || reason.length > MAX_REASON) throw new ContentError('BAD_USER_INPUT', `a reason of 1 to ${MAX_REASON} characters is required`);
  return reason.trim();
}

const pastTense = (action: ReviewAction) => (action === 'edit' ? 'edited' : action === 'withdraw' ? 'withdrawn' : `${action}d`);

/** Approve, edit (a new version, back to review) and reject; each applies only to the status it was decided on. */
export class ContentReview {
  constructor(
    private readonly drafts: ContentDraftRepository,
    private readonly policy: ReviewPolicy,
    /** Tells the decision layer when a draft's variants become arms, or stop being. */
    private readonly announcer?: Pick<ContentArmsAnnouncer, 'announce'>,
  ) {}

  private async current(id: string, action: ReviewAction): Promise<ContentDraft> {
    const draft = await this.drafts.get(id);
    if (!draft) throw new ContentError('NOT_FOUND', `no draft ${id}`);
    if (!reviewTransition(draft.status, action))
      throw new ContentError('INVALID_REVIEW_TRANSITION', `a ${draft.status} draft cannot be ${pastTense(action)}`, {
        status: draft.status,
      });
    return draft;
  }

  private async apply(draft: ContentDraft, action: ReviewAction, update: Parameters<ContentDraftRepository['transition']>[2]): Promise<ContentDraft> {
    const next = await this.drafts.transition(draft.id, draft.status, update, new Date());
    // Someone else decided (or edited) it between our read and this write.
    if (!next) throw new ContentError('INVALID_REVIEW_TRANSITION', `the draft changed while it was being ${pastTense(action)}; reload it`);
    if (next.armsPending) await this.announcer?.announce(next);
    return next;
  }

  async approve(caller: Caller, id: string): Promise<ContentDraft> {
    const draft = await this.current(id, 'approve');
    return this.apply(draft, 'approve', {
      status: 'approved',
      review: { by: caller.subject, at: new Date(), reason: null },
      armsPending: armsEventFor({ ...draft, status: 'approved' }),
    });
  }

  async reject(caller: Caller, id: string, reason: string): Promise<ContentDraft> {
    const why = reasonOf(reason);
    const draft = await this.current(id, 'reject');
    return this.apply(draft, 'reject', { status: 'rejected', review: { by: caller.subject, at: new Date(), reason: why } });
  }

  /** Ends an approved draft's use: its variants are no longer chosen by the decision layer. */
  async withdraw(caller: Caller, id: string, reason: string): Promise<ContentDraft> {
    const why = reasonOf(reason);
    const draft = await this.current(id, 'withdraw');
    return this.apply(draft, 'withdraw', {
      status: 'withdrawn',
      review: { by: caller.subject, at: new Date(), reason: why },
      armsPending: armsEventFor({ ...draft, status: 'withdrawn' }),
    });
  }

  /** An edit passes the checks a writer's output passes (contact details included), then waits for review again. */
  async edit(caller: Caller, id: string, variants: VariantParts[], note: string | null): Promise<ContentDraft> {
    const draft = await this.current(id, 'edit');
    if (variants.length !== draft.variants.length) throw new ContentError('BAD_USER_INPUT', `an edit keeps the number of variants (${draft.variants.length})`);
    const spec = this.policy.specs[draft.channel];
    const ctx = {
      spec,
      isSms: draft.channel === 'sms',
      placeholders: [],
      knownNames: [],
      allowedClaimTexts: [draft.brief, ...draft.grounding.offers],
      bannedPhrases: this.policy.bannedPhrases,
      tone: this.policy.tone,
      allowedSalutationWords: [],
    };
    const clean = variants.map(
      (v) => Object.fromEntries(Object.entries(v).filter(([, value]) => value !== null && value !== undefined)) as unknown as VariantParts,
    );
    const failures: CheckFailure[] = clean.flatMap((v, i) => [
      ...checkShape(v, spec, i + 1),
      ...checkFinalOutput(v, ctx, i + 1),
      ...(findContactDetails(Object.values(v).join('\n')).length
        ? [{ check: 'PERSONAL_DATA' as const, variant: i + 1, reason: 'contains contact or card details' }]
        : []),
    ]);
    if (failures.length) throw checkFailed(failures, 1);
    const edit = { version: draft.version + 1, variants: clean, editedBy: caller.subject, editedAt: new Date(), note: note?.trim() || null };
    return this.apply(draft, 'edit', { status: 'pending_review', edit });
  }
}
