import { renderToStaticMarkup } from 'react-dom/server';
import { Client, fetchExchange, Provider } from 'urql';
import type { DraftQueueQuery } from '../../__generated__/graphql';
import { MASKED } from '../../domain/masking';
import { draftRights, NO_DRAFT_RIGHTS, type DraftRights } from '../../domain/drafts';
import { DraftReview } from './DraftReview';

// Nothing is sent while rendering to HTML: mutations run only on a click.
const client = new Client({ url: 'http://127.0.0.1:9/graphql', exchanges: [fetchExchange] });

const draft: DraftQueueQuery['drafts'][number] = {
  id: 'd1',
  customerId: 'c1',
  channel: 'EMAIL',
  purpose: 'SERVICE',
  brief: 'Check in after the delivery',
  status: 'PENDING_REVIEW',
  version: 2,
  createdAt: '2026-12-01T10:00:00Z',
  reviewedBy: null,
  reviewedAt: null,
  rejectionReason: null,
  variants: [{ index: 1, subject: 'Hello', headline: null, body: 'How was your delivery?', callToAction: null }],
  versions: [
    { version: 1, editedBy: 'offline-template', editedAt: '2026-12-01T10:00:00Z', note: null },
    { version: 2, editedBy: 'marketer-1', editedAt: '2026-12-01T11:00:00Z', note: 'softer tone' },
  ],
};

const render = (d: typeof draft, rights: DraftRights) =>
  renderToStaticMarkup(
    <Provider value={client}>
      <DraftReview draft={d} rights={rights} onDone={() => undefined} />
    </Provider>,
  );

describe('draft review', () => {
  it('gives a marketer approve, edit and reject with a required reason, and keeps the history of edits', () => {
    const html = render(draft, draftRights(['marketer'], 'PENDING_REVIEW'));
    expect(html).toContain('>Approve<');
    expect(html).toContain('Save edits');
    expect(html).toMatch(/Reason to reject<input[^>]*required/);
    expect(html).toContain('2 versions');
    expect(html).toContain('Version 2 by marketer-1');
    expect(html).toContain('softer tone');
    expect(html).not.toContain('Withdraw');
  });

  it('shows a role that may not decide the draft only, with no action', () => {
    const html = render(draft, draftRights(['compliance'], 'PENDING_REVIEW'));
    expect(html).toContain('How was your delivery?');
    expect(html).not.toContain('Approve');
    expect(html).not.toContain('Reject');
    expect(html).not.toContain('<textarea');
  });

  it('shows who decided and why a rejected draft was rejected', () => {
    const html = render(
      { ...draft, status: 'REJECTED', reviewedBy: 'marketer-2', reviewedAt: '2026-12-02T09:00:00Z', rejectionReason: 'Off brand' },
      NO_DRAFT_RIGHTS,
    );
    expect(html).toContain('Rejected</strong> by marketer-2');
    expect(html).toContain('reason: Off brand');
  });

  it('offers a marketer withdrawal of an approved draft with a required reason, and nothing else', () => {
    const approved = { ...draft, status: 'APPROVED' as const, reviewedBy: 'marketer-2', reviewedAt: '2026-12-02T09:00:00Z' };
    const html = render(approved, draftRights(['marketer'], 'APPROVED'));
    expect(html).toMatch(/Reason to withdraw<input[^>]*required[^>]*maxLength="1000"/);
    expect(html).toContain('>Withdraw<');
    expect(html).not.toContain('>Approve<');
    expect(html).not.toContain('<textarea');
    expect(render(approved, draftRights(['compliance'], 'APPROVED'))).not.toContain('Withdraw');
  });

  it('shows masked parts as masked and never offers their mask for editing', () => {
    const masked = { ...draft, variants: [{ index: 1, subject: MASKED, headline: null, body: MASKED, callToAction: null }] };
    const html = render(masked, draftRights(['marketer'], 'PENDING_REVIEW'));
    expect(html).not.toContain(MASKED);
    expect(html).toContain('class="masked"');
    expect(html).not.toContain('<textarea');
    expect(html).not.toContain('Save edits');
    expect(html).toContain('not edited here');
    // Approving or rejecting what the role cannot read stays the marketer's call, as the schema allows.
    expect(html).toContain('>Approve<');
    expect(html).toContain('Reason to reject');
  });
});
