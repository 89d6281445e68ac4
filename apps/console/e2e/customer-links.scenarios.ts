import { waitFor } from '@c360/testing';
import type { Page } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { gatewayData } from '../../e2e/src/system';
import { screenshot } from './browser';
import { customerIdOf, expectAccessible, tokenOf, type ConsoleHarness } from './harness';

/** Everything the browser keeps for the page beyond its memory: the address, history state, storage and cookies. */
async function whatTheBrowserHolds(page: Page): Promise<string> {
  const held = await page.evaluate(() => ({
    url: window.location.href,
    historyState: JSON.stringify(history.state),
    session: Object.entries(sessionStorage),
    local: Object.entries(localStorage),
    cookies: document.cookie,
  }));
  expect(Object.keys(Object.fromEntries(held.session))).toEqual(['c360.session']);
  expect(held.local).toEqual([]);
  expect(held.cookies).toBe('');
  expect(held.historyState).toBe('null');
  return JSON.stringify(held);
}

/** Opening a customer's 360 from where the work is, with nothing about them left in the address or storage. */
export function customerLinkScenarios(h: ConsoleHarness): void {
  describe('a customer opened from where the work is', () => {
    it('a support agent opens the customer of an escalation, reads their journey, goes back to the inbox as it was, and a reload shows the search', async () => {
      // The journey person writes in to complain: their conversation is escalated to a person.
      const customerId = await customerIdOf(h, h.data.journeyEmail);
      const service = await tokenOf('service');
      const started = await gatewayData<{ startConversation: { id: string } }>(
        h.system,
        `mutation ($c: ID) { startConversation(channel: "web", customerId: $c) { id } }`,
        { c: customerId },
        service,
      );
      const sent = await gatewayData<{ sendMessage: { escalation: { id: string } | null } }>(
        h.system,
        `mutation ($id: ID!, $t: String!) { sendMessage(conversationId: $id, text: $t) { escalation { id } } }`,
        { id: started.startConversation.id, t: 'I want to make a formal complaint about my last delivery' },
        service,
      );
      const escalationId = sent.sendMessage.escalation?.id;
      expect(escalationId).toBeDefined();

      const page = await h.signIn('support');
      await page.getByRole('button', { name: 'Content and conversations' }).click();
      const item = page.locator(`li[aria-label="Escalation ${escalationId}"]`);
      // Claimed first, so the inbox shows a filter other than its first: the one back must find again.
      await item.getByRole('button', { name: 'Claim' }).click();
      const shown = page.getByLabel('Escalations');
      await waitFor(async () => (await shown.inputValue()) === 'CLAIMED', 15_000, 'the claimed escalations');
      await item.getByText('formal complaint about my last delivery').waitFor();

      await item.getByRole('button', { name: `Open customer 360 of ${customerId}` }).click();
      expect(page.url()).toBe(`${h.console.url}/customers`);
      const opened = page.getByRole('heading', { name: 'Opened from Content and conversations' });
      await opened.waitFor();
      await expect(opened.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
      // The customer's 360: who they are (support is cleared for the identifiers) and the journey across channels.
      await page.getByRole('region', { name: 'Identifiers' }).getByText(h.data.journeyEmail).first().waitFor();
      await page.getByRole('heading', { name: /Journey timeline \(\d+ touchpoints\)/ }).waitFor();
      await page.getByLabel('Call center').check();
      const items = page.locator('.timeline > li');
      await waitFor(async () => (await items.count()) === 1, 10_000, 'only the call in the timeline');
      await expect(items.first().textContent()).resolves.toContain('Call Completed');
      // The list it came from is kept, hidden, not shown beside the customer.
      await expect(page.getByRole('heading', { name: 'Escalation inbox' }).count()).resolves.toBe(0);
      await expectAccessible(page);
      await screenshot(page, 'customer-from-escalation');

      // Nothing about the customer is in the address, history state, storage or cookies.
      const held = await whatTheBrowserHolds(page);
      for (const secret of [customerId, h.data.journeyEmail, `CRM-${h.data.tag}`]) expect(held).not.toContain(secret);

      // Back (the page's own button) returns to the inbox with its filter and the escalation as they were.
      await page.getByRole('button', { name: 'Back to Content and conversations' }).click();
      await page.getByRole('heading', { name: 'Escalation inbox' }).waitFor();
      expect(page.url()).toBe(`${h.console.url}/content`);
      await expect(shown.inputValue()).resolves.toBe('CLAIMED');
      await item.getByText('formal complaint about my last delivery').waitFor();
      // Focus returns to the button that opened the customer.
      await expect(item.getByRole('button', { name: `Open customer 360 of ${customerId}` }).evaluate((el) => el === document.activeElement)).resolves.toBe(
        true,
      );
      // Forward finds the customer as it was left, and the browser's own back the inbox as it was.
      await page.goForward();
      await page.getByRole('heading', { name: 'Opened from Content and conversations' }).waitFor();
      await expect(page.getByLabel('Call center').isChecked()).resolves.toBe(true);
      await expect(items.count()).resolves.toBe(1);
      await page.goBack();
      await page.getByRole('heading', { name: 'Escalation inbox' }).waitFor();
      await expect(shown.inputValue()).resolves.toBe('CLAIMED');

      // Opened again and reloaded: the customer page shows the search, not an error, and no customer.
      await item.getByRole('button', { name: `Open customer 360 of ${customerId}` }).click();
      await page.getByRole('heading', { name: 'Identifiers' }).waitFor();
      expect(page.url()).toBe(`${h.console.url}/customers`);
      await page.reload();
      await page.getByText('Signed in as').waitFor();
      await page.getByRole('heading', { name: 'Find a customer' }).waitFor();
      expect(page.url()).toBe(`${h.console.url}/customers`);
      await expect(page.getByRole('heading', { name: 'Identifiers' }).count()).resolves.toBe(0);
      await expect(page.getByRole('heading', { name: /^Opened from/ }).count()).resolves.toBe(0);
      await expect(page.locator('.error, [role="alert"]').count()).resolves.toBe(0);
      const afterReload = await whatTheBrowserHolds(page);
      for (const secret of [customerId, h.data.journeyEmail]) expect(afterReload).not.toContain(secret);
      await page.context().close();
      // Resolved, so runs sharing generation's store do not pile claimed escalations into the inbox's oldest 50.
      await gatewayData(
        h.system,
        `mutation ($id: ID!) { resolveEscalation(id: $id, resolution: "done") { id } }`,
        { id: escalationId },
        await tokenOf('support'),
      );
    });

    it('a marketer opens the customer of a draft in review and sees the 360 as their role does', async () => {
      const customerId = await customerIdOf(h, h.insights.scoredEmail);
      const draft = await gatewayData<{ draftContent: { id: string } }>(
        h.system,
        `mutation ($c: ID!) { draftContent(input: { customerId: $c, channel: EMAIL, purpose: SERVICE, brief: "A note about opening hours", variants: 1 }) { id } }`,
        { c: customerId },
        h.officerToken,
      );
      const page = await h.signIn('marketer');
      await page.getByRole('button', { name: 'Content and conversations' }).click();
      const card = page.getByRole('region', { name: `Draft ${draft.draftContent.id}` });
      await card.getByRole('button', { name: `Open customer 360 of ${customerId}` }).click();
      await page.getByRole('heading', { name: 'Opened from Content and conversations' }).waitFor();
      await page.getByRole('heading', { name: 'Identifiers' }).waitFor();
      // The 360 adapts to the marketer as a search would: no unmerge, no data-subject requests.
      await expect(page.getByRole('button', { name: 'Unmerge' }).count()).resolves.toBe(0);
      await expect(page.getByRole('heading', { name: 'Data-subject requests' }).count()).resolves.toBe(0);
      const held = await whatTheBrowserHolds(page);
      for (const secret of [customerId, h.insights.scoredEmail]) expect(held).not.toContain(secret);
      await page.goBack();
      await card.waitFor();
      await page.context().close();
    });
  });
}
