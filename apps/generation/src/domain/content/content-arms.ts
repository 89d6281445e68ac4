import type { Channel, ContentApprovedEvent, ContentWithdrawnEvent } from '@c360/contracts';
import type { ContentChannel, ContentPurpose } from './content-channels';

/**
 * Where each content channel is delivered, in the decision layer's channels (those of touchpoints
 * and of the action catalogue): the same pairs as the marketing consent each channel asks for. SMS
 * has no channel there yet, so an SMS draft cannot carry a catalogue action.
 */
export const DECISION_CHANNEL: Record<ContentChannel, Channel | null> = {
  email: 'email',
  push: 'app',
  web_banner: 'web',
  call_script: 'call_center',
  sms: null,
};

/** Catalogue action ids, as insights defines them. */
export const ACTION_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** What of a draft the decision layer needs: ids and counts, never its text. */
export interface DraftForArms {
  id: string;
  customerId: string;
  groundedOnIds: readonly string[];
  actionId?: string | null;
  channel: ContentChannel;
  purpose: ContentPurpose;
  status: string;
  version: number;
  variants: readonly unknown[];
  createdAt: Date;
  review: { at: Date } | null;
}

/** Which event a draft's status announces to the decision layer: none unless it carries an action. */
export function armsEventFor(draft: Pick<DraftForArms, 'actionId' | 'channel' | 'status'>): 'content.approved' | 'content.withdrawn' | null {
  if (!draft.actionId || !DECISION_CHANNEL[draft.channel]) return null;
  if (draft.status === 'approved') return 'content.approved';
  if (draft.status === 'withdrawn') return 'content.withdrawn';
  return null;
}

function reference(draft: DraftForArms) {
  const channel = DECISION_CHANNEL[draft.channel];
  if (!draft.actionId || !channel) throw new Error(`draft ${draft.id} carries no action on a decision channel`);
  return {
    contract: 1 as const,
    draftId: draft.id,
    customerId: draft.customerId,
    groundedOnIds: [...draft.groundedOnIds],
    actionId: draft.actionId,
    channel,
    draftCreatedAt: draft.createdAt.toISOString(),
  };
}

export function contentApprovedEvent(draft: DraftForArms): ContentApprovedEvent {
  return {
    ...reference(draft),
    variants: draft.variants.length,
    draftVersion: draft.version,
    contentChannel: draft.channel,
    purpose: draft.purpose,
    approvedAt: (draft.review?.at ?? draft.createdAt).toISOString(),
  };
}

export function contentWithdrawnEvent(draft: DraftForArms): ContentWithdrawnEvent {
  return { ...reference(draft), withdrawnAt: (draft.review?.at ?? new Date()).toISOString() };
}
