import { z } from 'zod';
import { channelSchema } from './channels';
import { jobIdFor } from './job-ids';

/**
 * Content variants as decision arms, between generation (which owns drafts and their review) and
 * insights (whose next best action chooses among them):
 *
 * - `content.approved`: a draft written for one customer and one catalogue action was approved; each
 *   of its `variants` (1-based, arm id `<draftId>:<index>`) may now be chosen when that action is
 *   decided on `channel` for the customer (or anyone merged into them).
 * - `content.withdrawn`: an approved draft was withdrawn; its variants are never chosen again.
 *
 * An approval is final and so is a withdrawal, so each happens at most once per draft: a consumer
 * keeps a withdrawal over any approval of the same draft, whatever order they arrive in. Both carry
 * ids only, never the text (the text stays in generation, behind its field access). Both are
 * versioned by `schemaVersion` like every event (payload-versions.ts). `contract` is what versioned
 * them before that: it stays 1 for all of major 1, since consumers of that release require it, and
 * goes with the next major.
 * Erasure, retention (`generated_drafts`, by `draftCreatedAt`) and splits (`groundedOnIds`) reach a
 * consumer's copy through its own privacy handlers, not through further events.
 */
export const CONTENT_ARMS_CONTRACT = 1;

const draftRef = {
  contract: z.literal(CONTENT_ARMS_CONTRACT),
  draftId: z.string().min(1).max(200),
  customerId: z.string().min(1).max(128),
  /** Every customer id whose data grounded the draft: a split of any of them from the customer deletes the arm. */
  groundedOnIds: z.array(z.string().min(1).max(128)).max(100),
  /** The catalogue action the content carries. */
  actionId: z.string().min(1).max(64),
  /** The decision channel the content is delivered on (an email on email, a push in the app...). */
  channel: channelSchema,
  draftCreatedAt: z.iso.datetime(),
};

export const contentApprovedEventSchema = z.object({
  ...draftRef,
  /** How many variants the draft has; arm ids are `<draftId>:1` .. `<draftId>:<variants>`. */
  variants: z.number().int().min(1).max(5),
  /** The version approved: the text of the arms (an approved draft is not edited further). */
  draftVersion: z.number().int().positive(),
  /** generation's own names, for reports: EMAIL/SMS/PUSH/... and the draft's purpose. */
  contentChannel: z.string().min(1).max(32),
  purpose: z.string().min(1).max(32),
  approvedAt: z.iso.datetime(),
});
export type ContentApprovedEvent = z.infer<typeof contentApprovedEventSchema>;

export const contentWithdrawnEventSchema = z.object({
  ...draftRef,
  withdrawnAt: z.iso.datetime(),
});
export type ContentWithdrawnEvent = z.infer<typeof contentWithdrawnEventSchema>;

/** One job id per draft and event: each event happens at most once per draft, so a redelivery is the same job. */
export function contentArmsJobId(event: 'content.approved' | 'content.withdrawn', draftId: string): string {
  return jobIdFor(event.replace('.', '-'), draftId);
}

/** The arm id of a draft's variant, as generation names it (`Customer.contentArms`). */
export function contentArmId(draftId: string, variantIndex: number): string {
  return `${draftId}:${variantIndex}`;
}
