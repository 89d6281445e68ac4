import { draftRights, hasMaskedText, NO_DRAFT_RIGHTS } from './drafts';
import { MASKED } from './masking';

describe('what the console offers on a draft', () => {
  it('offers a marketer the review decisions while a draft waits, and withdrawal once it is approved', () => {
    expect(draftRights(['marketer'], 'PENDING_REVIEW')).toEqual({ approve: true, edit: true, reject: true, withdraw: false });
    expect(draftRights(['marketer'], 'APPROVED')).toEqual({ ...NO_DRAFT_RIGHTS, withdraw: true });
  });

  it('offers nothing on a final draft, and nothing to a role that only reads the queue', () => {
    expect(draftRights(['marketer'], 'REJECTED')).toEqual(NO_DRAFT_RIGHTS);
    expect(draftRights(['marketer'], 'WITHDRAWN')).toEqual(NO_DRAFT_RIGHTS);
    for (const status of ['PENDING_REVIEW', 'APPROVED'] as const) {
      expect(draftRights(['compliance'], status)).toEqual(NO_DRAFT_RIGHTS);
      expect(draftRights(['service'], status)).toEqual(NO_DRAFT_RIGHTS);
    }
  });

  it('tells a draft with any masked part from one the role reads whole', () => {
    expect(hasMaskedText([{ subject: 'Hello', headline: null, body: 'Text', callToAction: null }])).toBe(false);
    expect(hasMaskedText([{ body: 'Text' }, { subject: MASKED, body: 'Text' }])).toBe(true);
    expect(hasMaskedText([{ body: MASKED }])).toBe(true);
  });
});
