import { contentApprovedEventSchema, contentWithdrawnEventSchema } from '@c360/contracts';
import { armsEventFor, contentApprovedEvent, contentWithdrawnEvent, DECISION_CHANNEL, type DraftForArms } from './content-arms';
import { CONTENT_CHANNELS } from './content-channels';
import { reviewTransition } from './review';

const draft = (over: Partial<DraftForArms> = {}): DraftForArms => ({
  id: 'd1',
  customerId: 'c1',
  groundedOnIds: ['c1', 'c0'],
  actionId: 'winback',
  channel: 'push',
  purpose: 'retention',
  status: 'approved',
  version: 2,
  variants: [{}, {}, {}],
  createdAt: new Date('2026-03-01T10:00:00Z'),
  review: { at: new Date('2026-03-02T10:00:00Z') },
  ...over,
});

describe('drafts as decision arms', () => {
  it('announces only drafts carrying an action on a channel the decision layer has', () => {
    expect(armsEventFor(draft())).toBe('content.approved');
    expect(armsEventFor(draft({ status: 'withdrawn' }))).toBe('content.withdrawn');
    expect(armsEventFor(draft({ status: 'pending_review' }))).toBeNull();
    expect(armsEventFor(draft({ status: 'rejected' }))).toBeNull();
    expect(armsEventFor(draft({ actionId: null }))).toBeNull();
    expect(armsEventFor(draft({ channel: 'sms' }))).toBeNull();
    expect(CONTENT_CHANNELS.filter((c) => DECISION_CHANNEL[c] === null)).toEqual(['sms']);
  });

  it('builds events the contract accepts, with ids and counts but no text', () => {
    const approved = contentApprovedEventSchema.parse(contentApprovedEvent(draft()));
    expect(approved).toMatchObject({
      draftId: 'd1',
      channel: 'app',
      contentChannel: 'push',
      variants: 3,
      draftVersion: 2,
      approvedAt: '2026-03-02T10:00:00.000Z',
    });
    expect(approved.groundedOnIds).toEqual(['c1', 'c0']);
    const withdrawn = contentWithdrawnEventSchema.parse(contentWithdrawnEvent(draft({ status: 'withdrawn' })));
    expect(withdrawn).toMatchObject({ draftId: 'd1', actionId: 'winback', withdrawnAt: '2026-03-02T10:00:00.000Z' });
    expect(() => contentApprovedEvent(draft({ channel: 'sms' }))).toThrow(/no action/);
  });

  it('withdraws only an approved draft, once', () => {
    expect(reviewTransition('approved', 'withdraw')).toBe('withdrawn');
    expect(reviewTransition('pending_review', 'withdraw')).toBeNull();
    expect(reviewTransition('withdrawn', 'withdraw')).toBeNull();
    expect(reviewTransition('withdrawn', 'approve')).toBeNull();
  });
});
