import { waitFor } from '@c360/testing';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { gatewayData } from '../../e2e/src/system';
import { screenshot } from './browser';
import { customerIdOf, expectAccessible, tokenOf, type ConsoleHarness } from './harness';

interface DraftState {
  status: string;
  version: number;
  rejectionReason: string | null;
  reviewedBy: string | null;
  variants: { index: number; body: string }[];
  versions: { version: number; note: string | null }[];
}

async function draftFor(h: ConsoleHarness, customerId: string, brief: string, variants: number): Promise<string> {
  const res = await gatewayData<{ draftContent: { id: string } }>(
    h.system,
    `mutation ($c: ID!, $b: String!, $n: Int!) { draftContent(input: { customerId: $c, channel: EMAIL, purpose: SERVICE, brief: $b, variants: $n }) { id } }`,
    { c: customerId, b: brief, n: variants },
    h.officerToken,
  );
  return res.draftContent.id;
}

async function draftState(h: ConsoleHarness, id: string): Promise<DraftState> {
  const q = `query ($id: ID!) { draft(id: $id) { status version rejectionReason reviewedBy variants { index body } versions { version note } } }`;
  return (await gatewayData<{ draft: DraftState }>(h.system, q, { id }, h.officerToken)).draft;
}

/** Content and conversations: generation's drafts reviewed by a marketer, an escalation worked by a support agent. */
export function contentScenarios(h: ConsoleHarness): void {
  describe('content and conversations in the console', () => {
    it('a marketer edits a drafted variant and approves it (the edit kept as a new version), and rejects another draft with a reason', async () => {
      const customerId = await customerIdOf(h, h.insights.scoredEmail);
      const approveId = await draftFor(h, customerId, 'A check-in after their plan change', 2);
      const rejectId = await draftFor(h, customerId, 'A note about opening hours', 1);

      const page = await h.signIn('marketer');
      await page.getByRole('button', { name: 'Content and conversations' }).click();
      const toApprove = page.getByRole('region', { name: `Draft ${approveId}` });
      const toReject = page.getByRole('region', { name: `Draft ${rejectId}` });
      await toApprove.getByLabel('Body of variant 1').waitFor();
      await toReject.getByLabel('Reason to reject').waitFor();
      await expectAccessible(page);
      await screenshot(page, 'content-review');

      const original = await toApprove.getByLabel('Body of variant 1').inputValue();
      const edited = `${original} We are here to help if anything is unclear.`;
      await toApprove.getByLabel('Body of variant 1').fill(edited);
      await toApprove.getByLabel('Edit note').fill('offer help');
      await toApprove.getByRole('button', { name: 'Save edits' }).click();
      // The queue reloads with the edited version, the writer's first one kept.
      await toApprove.getByText('2 versions').waitFor();
      await expect(toApprove.getByLabel('Body of variant 1').inputValue()).resolves.toBe(edited);
      await toApprove.getByRole('button', { name: 'Approve' }).click();
      await waitFor(async () => (await toApprove.count()) === 0, 15_000, 'the approved draft to leave the queue');

      const reason = `Not needed: hours unchanged (${h.data.tag})`;
      await toReject.getByLabel('Reason to reject').fill(reason);
      await toReject.getByRole('button', { name: 'Reject' }).click();
      await waitFor(async () => (await toReject.count()) === 0, 15_000, 'the rejected draft to leave the queue');

      await page.getByLabel('Show drafts').selectOption('REJECTED');
      await toReject.getByText(`reason: ${reason}`).waitFor();
      await expectAccessible(page);
      await page.context().close();

      const approved = await draftState(h, approveId);
      expect(approved).toMatchObject({ status: 'APPROVED', version: 2, reviewedBy: 'console-marketer' });
      expect(approved.versions).toEqual([
        { version: 1, note: null },
        { version: 2, note: 'offer help' },
      ]);
      expect(approved.variants[0]?.body).toBe(edited);
      expect(approved.variants).toHaveLength(2);
      await expect(draftState(h, rejectId)).resolves.toMatchObject({ status: 'REJECTED', version: 1, rejectionReason: reason });
    });

    it("a marketer withdraws an approved draft with a reason; a withdrawal another marketer made first is refused with generation's reason", async () => {
      const customerId = await customerIdOf(h, h.insights.scoredEmail);
      // The briefs the first scenario drafts from: generation's offline writer words some others into a refused draft
      // (a greeting followed by "Thank you…" on the next line reads to its output check as a name).
      const [keepId, raceId] = [
        await draftFor(h, customerId, 'A check-in after their plan change', 1),
        await draftFor(h, customerId, 'A note about opening hours', 1),
      ];
      const marketer = await tokenOf('marketer');
      for (const id of [keepId, raceId]) {
        await gatewayData(h.system, `mutation ($id: ID!) { approveDraft(id: $id) { id } }`, { id }, marketer);
      }

      // Compliance reads approved drafts, and is offered no withdrawal.
      const officer = await h.signIn('compliance');
      await officer.getByRole('button', { name: 'Content and conversations' }).click();
      await officer.getByLabel('Show drafts').selectOption('APPROVED');
      await officer.getByRole('region', { name: `Draft ${keepId}` }).waitFor();
      await expect(officer.getByRole('button', { name: 'Withdraw' }).count()).resolves.toBe(0);
      await officer.context().close();

      const page = await h.signIn('marketer');
      await page.getByRole('button', { name: 'Content and conversations' }).click();
      await page.getByLabel('Show drafts').selectOption('APPROVED');
      const toWithdraw = page.getByRole('region', { name: `Draft ${keepId}` });
      const raced = page.getByRole('region', { name: `Draft ${raceId}` });
      await toWithdraw.getByLabel('Reason to withdraw').waitFor();
      await raced.getByLabel('Reason to withdraw').waitFor();
      // An approved draft is final for review: no approve, edit or reject is offered on it.
      await expect(toWithdraw.getByRole('button', { name: 'Approve' }).count()).resolves.toBe(0);
      await expect(toWithdraw.locator('textarea').count()).resolves.toBe(0);
      await expectAccessible(page);

      // Another marketer withdraws one first: the page still shows it, and the server refuses the second withdrawal.
      await gatewayData(h.system, `mutation ($id: ID!) { withdrawDraft(id: $id, reason: "withdrawn elsewhere") { id } }`, { id: raceId }, marketer);
      await raced.getByLabel('Reason to withdraw').fill('Late orders are handled by support');
      await raced.getByRole('button', { name: 'Withdraw' }).click();
      await expect(raced.getByRole('alert').textContent()).resolves.toContain('a withdrawn draft cannot be withdrawn (INVALID_REVIEW_TRANSITION)');

      // The keyboard alone: the reason typed, Enter sends it; the user is taken to what happened, not to the top of the page.
      const reason = `Points scheme ended (${h.data.tag})`;
      await toWithdraw.getByLabel('Reason to withdraw').fill(reason);
      await toWithdraw.getByLabel('Reason to withdraw').press('Enter');
      const outcome = page.getByTestId('draft-outcome');
      await waitFor(async () => (await outcome.textContent())?.startsWith(`Draft ${keepId} withdrawn`) === true, 15_000, 'the withdrawal to be told');
      await waitFor(async () => (await toWithdraw.count()) === 0, 15_000, 'the withdrawn draft to leave the approved ones');
      await expect(outcome.evaluate((el) => el === document.activeElement)).resolves.toBe(true);

      await page.getByLabel('Show drafts').selectOption('WITHDRAWN');
      await toWithdraw.getByText(`reason: ${reason}`).waitFor();
      await expect(toWithdraw.getByRole('button', { name: 'Withdraw' }).count()).resolves.toBe(0);
      await expectAccessible(page);
      await page.context().close();

      await expect(draftState(h, keepId)).resolves.toMatchObject({ status: 'WITHDRAWN', rejectionReason: reason, reviewedBy: 'console-marketer' });
      await expect(draftState(h, raceId)).resolves.toMatchObject({ status: 'WITHDRAWN', rejectionReason: 'withdrawn elsewhere' });
    });

    it('a marketer pages back through a queue longer than a page, newest first', async () => {
      const customerId = await customerIdOf(h, h.insights.scoredEmail);
      // Written one after another, so each is newer than the last: this run's newest 21 waiting drafts.
      const ids: string[] = [];
      for (let i = 0; i < 21; i++) ids.push(await draftFor(h, customerId, 'A note about opening hours', 1));
      const [oldest, newest] = [ids[0], ids.at(-1)];

      const page = await h.signIn('marketer');
      await page.getByRole('button', { name: 'Content and conversations' }).click();
      await page.getByRole('region', { name: `Draft ${newest}` }).waitFor();
      await expect(page.getByRole('region', { name: /^Draft / }).count()).resolves.toBe(20);
      await expect(page.getByRole('region', { name: `Draft ${oldest}` }).count()).resolves.toBe(0);
      const pages = page.getByRole('navigation', { name: 'Draft pages' });
      await expect(pages.getByRole('button', { name: 'Newer drafts' }).isDisabled()).resolves.toBe(true);

      await pages.getByRole('button', { name: 'Older drafts' }).click();
      await page.getByRole('region', { name: `Draft ${oldest}` }).waitFor();
      await expect(page.getByRole('region', { name: `Draft ${newest}` }).count()).resolves.toBe(0);
      await pages.getByText('Page 2').waitFor();
      await expectAccessible(page);

      await pages.getByRole('button', { name: 'Newer drafts' }).click();
      await page.getByRole('region', { name: `Draft ${newest}` }).waitFor();
      await expect(page.getByRole('region', { name: `Draft ${oldest}` }).count()).resolves.toBe(0);
      await page.context().close();
    });

    it('a support agent claims an escalated conversation, replies to the customer and resolves it; a marketer has no inbox', async () => {
      const customerId = await customerIdOf(h, h.insights.scoredEmail);
      const service = await tokenOf('service');
      const started = await gatewayData<{ startConversation: { id: string } }>(
        h.system,
        `mutation ($c: ID) { startConversation(channel: "web", customerId: $c) { id } }`,
        { c: customerId },
        service,
      );
      const conversationId = started.startConversation.id;
      const complaint = 'I want to make a formal complaint about my last delivery';
      const sent = await gatewayData<{ sendMessage: { escalation: { id: string } | null } }>(
        h.system,
        `mutation ($id: ID!, $t: String!) { sendMessage(conversationId: $id, text: $t) { escalation { id } } }`,
        { id: conversationId, t: complaint },
        service,
      );
      const escalationId = sent.sendMessage.escalation?.id;
      expect(escalationId).toBeDefined();

      const marketer = await h.signIn('marketer');
      await marketer.getByRole('button', { name: 'Content and conversations' }).click();
      await marketer.getByRole('heading', { name: 'Drafts', exact: true }).waitFor();
      await expect(marketer.getByRole('heading', { name: 'Escalation inbox' }).count()).resolves.toBe(0);
      await marketer.context().close();

      const page = await h.signIn('support');
      await page.getByRole('button', { name: 'Content and conversations' }).click();
      await expect(page.getByRole('heading', { name: 'Drafts', exact: true }).count()).resolves.toBe(0);
      const item = page.locator(`li[aria-label="Escalation ${escalationId}"]`);
      await item.getByRole('button', { name: 'Claim' }).click();
      const shown = page.getByLabel('Escalations');
      // The inbox turns to the claimed ones once the claim is answered.
      await waitFor(async () => (await shown.inputValue()) === 'CLAIMED', 15_000, 'the claimed escalations');
      // The claim is told, and focus follows it rather than falling to the top of the page with the claimed item.
      const told = page.getByTestId('escalation-outcome');
      await expect(told.textContent()).resolves.toBe(`Escalation ${escalationId} claimed: it is yours to answer and resolve.`);
      await expect(told.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
      await item.getByText(complaint).waitFor();
      const reply = `Sorry about the delivery, I am looking into it now (${h.data.tag}).`;
      await item.getByLabel('Reply to the customer').fill(reply);
      await item.getByRole('button', { name: 'Send reply' }).click();
      await item.getByText(reply).waitFor();
      await expectAccessible(page);
      await screenshot(page, 'escalation-inbox');

      await item.getByLabel('Resolution').fill('Replacement sent');
      await item.getByRole('button', { name: 'Resolve' }).click();
      await waitFor(async () => (await shown.inputValue()) === 'RESOLVED', 15_000, 'the resolved escalations');
      await item.getByText('resolved: Replacement sent').waitFor();
      await page.context().close();

      const support = await tokenOf('support');
      const after = await gatewayData<{ conversation: { turns: { author: string; text: string; agentId: string | null }[]; escalation: { status: string } } }>(
        h.system,
        `query ($id: ID!) { conversation(id: $id) { turns { author text agentId } escalation { status } } }`,
        { id: conversationId },
        support,
      );
      expect(after.conversation.escalation.status).toBe('RESOLVED');
      expect(after.conversation.turns.filter((t) => t.author === 'AGENT')).toEqual([{ author: 'AGENT', text: reply, agentId: 'console-support' }]);
    });
  });
}
