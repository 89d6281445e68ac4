import { renderToStaticMarkup } from 'react-dom/server';
import { Client, fetchExchange, Provider } from 'urql';
import type { DraftQueueQuery } from '../../__generated__/graphql';
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

const render = (d: typeof draft, rights: { approve: boolean; edit: boolean; reject: boolean }) =>
  renderToStaticMarkup(
    <Provider value={client}>
      <DraftReview draft={d} rights={rights} onDone={() => undefined} />
    </Provider>,
  );

describe('draft review', () => {
  it('gives a marketer approve, edit and reject with a required reason, and keeps the history of edits', () => {
    const html = render(draft, { approve: true, edit: true, reject: true });
    expect(html).toContain('>Approve<');
    expect(html).toContain('Save edits');
    expect(html).toMatch(/Reason to reject<input[^>]*required/);
    expect(html).toContain('2 versions');
    expect(html).toContain('Version 2 by marketer-1');
    expect(html).toContain('softer tone');
  });

  it('shows a role that may not decide the draft only, with no action', () => {
    const html = render(draft, { approve: false, edit: false, reject: false });
    expect(html).toContain('How was your delivery?');
    expect(html).not.toContain('Approve');
    expect(html).not.toContain('Reject');
    expect(html).not.toContain('<textarea');
  });

  it('shows who decided and why a rejected draft was rejected', () => {
    const html = render(
      { ...draft, status: 'REJECTED', reviewedBy: 'marketer-2', reviewedAt: '2026-12-02T09:00:00Z', rejectionReason: 'Off brand' },
      { approve: false, edit: false, reject: false },
    );
    expect(html).toContain('Rejected</strong> by marketer-2');
    expect(html).toContain('reason: Off brand');
  });
});
