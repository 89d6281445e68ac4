import { readFileSync } from 'node:fs';
import type { Role } from '@c360/auth';
import { waitFor } from '@c360/testing';
// The console's browser tests run the system exactly as apps/e2e does.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { gatewayData } from '../../e2e/src/system';
import { pagesFor } from '../src/domain/roles';
import { screenshot } from './browser';
import { contentScenarios } from './content.scenarios';
import { customerLinkScenarios } from './customer-links.scenarios';
import { ConsoleHarness, expectAccessible, findCustomer } from './harness';
import { oidcScenarios } from './oidc.scenarios';
import { predictionScenarios } from './predictions.scenarios';
import { FUNNEL_STEPS } from './seed';

const ROLES: Role[] = ['analyst', 'marketer', 'support', 'compliance', 'service'];

const h = new ConsoleHarness();
const data = h.data;
const signIn = (role: Role) => h.signIn(role);

beforeAll(() => h.start(), 300_000);
afterAll(() => h.stop(), 60_000);

describe('the console in a browser, against the whole system', () => {
  it('signs in with a development link per role: pages follow the role, the token leaves the address, nothing but it is stored', async () => {
    const anonymous = await (await h.browser.newContext()).newPage();
    await anonymous.goto(h.console.url);
    await anonymous.getByRole('heading', { name: 'Sign in to the c360 console' }).waitFor();
    await expectAccessible(anonymous);
    await anonymous.context().close();

    for (const role of ROLES) {
      const page = await signIn(role);
      const nav = page.getByRole('navigation', { name: 'Pages' }).getByRole('button');
      expect(await nav.allTextContents()).toEqual(pagesFor([role]).map((p) => p.label));
      await expect(page.getByTestId('roles').textContent()).resolves.toBe(role);
      expect(page.url()).toBe(`${h.console.url}/`);
      const stored = await page.evaluate(() => ({ session: Object.keys(sessionStorage), local: Object.keys(localStorage), cookies: document.cookie }));
      expect(stored).toEqual({ session: ['c360.session'], local: [], cookies: '' });
      await page.context().close();
    }
  });

  it('support finds a customer by email and reads the journey across channels, scrolling and filtering; an analyst sees the same customer masked', async () => {
    const page = await signIn('support');
    await findCustomer(page, data.journeyEmail);
    const identifiers = page.getByRole('region', { name: 'Identifiers' });
    await expect(identifiers.getByText(data.journeyEmail).count()).resolves.toBeGreaterThan(0);
    await page.getByRole('heading', { name: 'Journey stage' }).waitFor();
    // The first page holds 20 touchpoints; scrolling to its end loads the rest.
    const items = page.locator('.timeline > li');
    await items.nth(19).waitFor();
    await page.getByRole('heading', { name: 'Consents in force' }).scrollIntoViewIfNeeded();
    await waitFor(async () => (await items.count()) === data.journeyTouchpoints, 20_000, 'every touchpoint in the timeline');
    await expect(page.getByRole('heading', { name: /Journey timeline/ }).textContent()).resolves.toContain(`(${data.journeyTouchpoints} touchpoints)`);
    expect(page.url()).not.toContain(data.journeyEmail);
    await page.evaluate(() => window.scrollTo(0, 0));
    await expectAccessible(page);
    await screenshot(page, 'customer-360');

    await page.getByLabel('Call center').check();
    await waitFor(async () => (await items.count()) === 1, 10_000, 'only the call in the timeline');
    await expect(items.first().textContent()).resolves.toContain('Call Completed');
    await page.context().close();

    const analyst = await signIn('analyst');
    await findCustomer(analyst, data.journeyEmail);
    const masked = analyst.getByRole('region', { name: 'Identifiers' }).locator('.masked');
    await masked.first().waitFor();
    await expect(analyst.getByRole('region', { name: 'Identifiers' }).getByText(data.journeyEmail).count()).resolves.toBe(0);
    // Actions the analyst may not take are absent rather than refused.
    await expect(analyst.getByRole('button', { name: 'Unmerge' }).count()).resolves.toBe(0);
    await expect(analyst.getByRole('heading', { name: 'Data-subject requests' }).count()).resolves.toBe(0);
    await analyst.context().close();
  });

  it('an analyst builds a funnel, reads it as a table and downloads it as CSV, and sees the paths as a Sankey diagram', async () => {
    const page = await signIn('analyst');
    await page.getByRole('button', { name: 'Journey analytics' }).click();
    expect(page.url()).toBe(`${h.console.url}/analytics`);
    // It opens on the last 90 days up to and including today (UTC), a period every panel reads.
    const today = new Date();
    const utcDay = (daysFromToday: number) =>
      new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + daysFromToday)).toISOString().slice(0, 10);
    const from = page.getByLabel('From (UTC)');
    const to = page.getByLabel('To, exclusive (UTC)');
    await expect(from.inputValue()).resolves.toBe(utcDay(-89));
    await expect(to.inputValue()).resolves.toBe(utcDay(1));
    const attribution = page.getByRole('region', { name: 'Attribution models' });
    await attribution.getByText('Reads periods of up to 366 days.').waitFor();
    await expect(page.locator('.warning').count()).resolves.toBe(0);
    // The seed's shoppers are in October 2026.
    await from.fill('2026-09-01');
    await to.fill('2026-12-01');
    for (const [i, step] of FUNNEL_STEPS.entries()) await expect(page.getByLabel(`Step ${i + 1} event`).inputValue()).resolves.toBe(step);
    await page.getByRole('button', { name: 'Run funnel' }).click();
    const funnel = page.getByRole('region', { name: 'Funnel: customers per step and drop-off' });
    await funnel.locator('.recharts-bar-rectangle').first().waitFor();

    await funnel.getByRole('button', { name: 'Table' }).click();
    const rows = funnel.locator('tbody tr');
    const counts = await rows.evaluateAll((trs) => trs.map((tr) => [tr.children[0]?.textContent, Number(tr.children[1]?.textContent)]));
    expect(counts).toEqual(FUNNEL_STEPS.map((s, i) => [s, data.funnel[i]]));
    const [download] = await Promise.all([page.waitForEvent('download'), funnel.getByRole('button', { name: 'Download CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('Step,Customers,Conversion from first step,Conversion from previous step,Drop-off');
    expect(csv).toContain(`Product Added,${data.funnel[1]},0.75,0.75,${data.funnel[0]! - data.funnel[1]!}`);
    await funnel.getByRole('button', { name: 'Chart' }).click();

    await page.getByRole('button', { name: 'Show paths' }).click();
    const paths = page.getByRole('region', { name: 'Paths to Order Completed' });
    await paths.locator('.recharts-sankey-nodes, .recharts-sankey-node').first().waitFor();
    await expect(paths.locator('.recharts-sankey-link').count()).resolves.toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Show cohorts' }).click();
    await page.getByRole('table', { name: 'Retention heatmap' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'funnel-and-sankey');

    // A period past attribution's 366 days: the panel says so before it is asked, the funnel (two years) does not.
    await from.fill('2025-09-01');
    const tooLong = 'The period spans 456 days; this panel reads at most 366. Narrow the period.';
    await expect(attribution.getByRole('status').filter({ hasText: 'this panel reads at most' }).textContent()).resolves.toBe(tooLong);
    await expect(page.getByRole('region', { name: 'Funnel builder' }).locator('.warning').count()).resolves.toBe(0);
    // The inputs stop at the widest cap (732 days before the end), and a day past it is an invalid entry.
    await expect(from.getAttribute('min')).resolves.toBe('2024-11-29');
    await from.fill('2024-11-28');
    await expect(from.evaluate((el: HTMLInputElement) => el.validity.rangeUnderflow)).resolves.toBe(true);
    await page.getByRole('region', { name: 'Funnel builder' }).getByText('this panel reads at most 732').waitFor();
    await from.fill('2025-09-01');
    // Asked anyway, attribution shows the server's own refusal with its code.
    await attribution.getByRole('button', { name: 'Compare models' }).click();
    await expect(attribution.getByRole('alert').textContent()).resolves.toContain('the window may span at most 366 days (BAD_USER_INPUT)');
    await from.fill('2026-09-01');
    await expect(attribution.locator('.warning').count()).resolves.toBe(0);
    // Attribution models side by side: the table view and the CSV hold the same rows; journey alerts are listed.
    await attribution.getByRole('button', { name: 'Compare models' }).click();
    const credit = attribution.getByRole('region', { name: /^Credit for Order Completed by Channel/ });
    await credit.getByRole('button', { name: 'Table' }).click();
    const creditRows = await credit.locator('tbody tr').count();
    expect(creditRows).toBeGreaterThan(0);
    const [creditCsv] = await Promise.all([page.waitForEvent('download'), credit.getByRole('button', { name: 'Download CSV' }).click()]);
    const lines = readFileSync((await creditCsv.path())!, 'utf8')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^Key,/);
    expect(lines).toHaveLength(creditRows + 1);
    await page.getByRole('heading', { name: 'Journey alerts' }).waitFor();
    await expectAccessible(page);
    await page.context().close();
  });

  it('a compliance officer opens the review queue, compares both records with the evidence, and merges the pair', async () => {
    // identity-graph's graph is shared between runs: this run's review is the one about its call.
    type Review = { id: string; subject: { id: string; goldenRecord: { familyName: { value: string } | null } }; candidate: { id: string } };
    const review = await waitFor(
      async () =>
        (
          await gatewayData<{ identityReviews: Review[] }>(
            h.system,
            `{ identityReviews(first: 500) { id subject { id goldenRecord { familyName { value } } } candidate { id } } }`,
            {},
            h.officerToken,
          )
        ).identityReviews.find((r) => r.subject.goldenRecord.familyName?.value.toLowerCase() === data.reviewCallFamilyName),
      30_000,
      'the review of the probable match',
    );
    const page = await signIn('compliance');
    await page.getByRole('button', { name: 'Identity stewardship' }).click();
    // Other runs' reviews wait in the shared graph too, oldest first.
    await page.getByLabel('Oldest open reviews shown').selectOption('100');
    await page.getByRole('button', { name: `Open review ${review.id}` }).click();
    const detail = page.getByRole('region', { name: /Review / });
    await detail.getByRole('heading', { name: 'Match evidence' }).waitFor();
    // Both records side by side, each from its own operation.
    await detail.getByRole('region', { name: 'Incoming record' }).getByText(data.reviewCallFamilyName, { exact: false }).waitFor();
    await detail.getByRole('region', { name: 'Best match' }).getByText(data.reviewFamilyName, { exact: false }).first().waitFor();
    await expect(detail.locator('tbody tr', { hasText: 'familyName' }).count()).resolves.toBe(1);
    await expectAccessible(page);
    await screenshot(page, 'review-queue');
    // The incoming record's customer opened in their 360, and back to the review as it was left (still open, 100 shown).
    await detail
      .getByRole('region', { name: 'Incoming record' })
      .getByRole('button', { name: `Open customer 360 of ${review.subject.id}` })
      .click();
    await page.getByRole('heading', { name: 'Opened from Identity stewardship' }).waitFor();
    await page.getByRole('heading', { name: 'Golden record' }).waitFor();
    expect(page.url()).toBe(`${h.console.url}/customers`);
    await page.goBack();
    await detail.getByRole('heading', { name: 'Match evidence' }).waitFor();
    await expect(page.getByLabel('Oldest open reviews shown').inputValue()).resolves.toBe('100');

    await detail.getByRole('button', { name: 'Accept: merge' }).click();
    await page.getByRole('status').filter({ hasText: 'Merged into' }).waitFor();
    const after = await gatewayData<{ customer: { mergeHistory: { rule: string; absorbedCustomerIds: string[] }[] } }>(
      h.system,
      `query ($id: ID!) { customer(id: $id) { mergeHistory { rule absorbedCustomerIds } } }`,
      { id: review.candidate.id },
      h.officerToken,
    );
    const pair = [review.subject.id, review.candidate.id];
    expect(after.customer.mergeHistory.filter((m) => m.rule === 'review' && m.absorbedCustomerIds.some((id) => pair.includes(id)))).toHaveLength(1);
    await page.context().close();
  });

  it("a compliance officer is told the server's reason for a refused request, then erases a person end to end and reads the verified receipt", async () => {
    const page = await signIn('compliance');
    await page.getByRole('button', { name: 'Compliance' }).click();
    const start = page.getByRole('region', { name: 'Start a data-subject request' });
    await start.getByLabel('Identifier value').fill(`nobody-${data.tag}@example.com`);
    await start.getByRole('button', { name: 'Start erasure' }).click();
    await expect(start.getByRole('alert').textContent()).resolves.toContain('identity-graph knows no customer for this subject (NOT_FOUND)');

    await start.getByLabel('Identifier value').fill(data.eraseEmail);
    await start.getByRole('button', { name: 'Start erasure' }).click();
    const status = page.getByTestId('request-status');
    await waitFor(async () => (await status.textContent()) === 'Completed', 90_000, 'the erasure to complete');
    const receipt = page.getByRole('region', { name: 'Erasure receipt' });
    await expect(receipt.textContent()).resolves.toContain('nothing left');
    await expect(receipt.locator('tbody tr').count()).resolves.toBeGreaterThan(1);
    // The erased person is gone: the request offers no customer 360 to open.
    await expect(page.getByRole('button', { name: /^Open customer 360/ }).count()).resolves.toBe(0);
    await receipt.scrollIntoViewIfNeeded();
    await screenshot(page, 'erasure-receipt');
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByText(/Chain intact: \d+ entries checked/).waitFor();
    const audit = page.getByRole('region', { name: 'Audit log' });
    await audit.getByRole('button', { name: 'Refresh' }).click();
    await audit.locator('tbody tr').first().waitFor();
    await expectAccessible(page);
    const gone = await gatewayData<{ customerByIdentifier: unknown }>(
      h.system,
      `query ($e: String!) { customerByIdentifier(type: EMAIL, value: $e) { id } }`,
      { e: data.eraseEmail },
      h.officerToken,
    );
    expect(gone.customerByIdentifier).toBeNull();
    await page.context().close();
  });

  it('a service user registers a partner, sees its secret once, and rotates it', async () => {
    const page = await signIn('service');
    await page.getByRole('button', { name: 'Partners' }).click();
    const id = `p-${data.tag}`;
    await page.getByLabel('Partner id').fill(id);
    await page.getByLabel('Name', { exact: true }).fill('Console e2e partner');
    await page.getByLabel('Last touchpoint').check();
    await page.getByRole('button', { name: 'Register partner' }).click();
    const secret = page.getByTestId('partner-secret');
    await secret.waitFor();
    const first = (await secret.textContent()) ?? '';
    expect(first.length).toBeGreaterThan(20);
    await page.getByRole('button', { name: 'I have stored it' }).click();
    await expect(secret.count()).resolves.toBe(0);
    const row = page.locator('tbody tr', { hasText: id });
    await expect(row.textContent()).resolves.toContain('Last touchpoint');
    await row.getByRole('button', { name: `Rotate secret of ${id}` }).click();
    await secret.waitFor();
    expect(await secret.textContent()).not.toBe(first);
    await expectAccessible(page);

    // What it is sent changes after registration: drop-offs too, with the step reached.
    await row.getByRole('button', { name: `Change what ${id} is sent` }).click();
    const change = page.getByRole('region', { name: `What ${id} is sent` });
    await change.getByLabel('Journey dropoff').check();
    await change.getByLabel('Journey step').check();
    await expectAccessible(page);
    await change.getByRole('button', { name: 'Save changes' }).click();
    await change.waitFor({ state: 'detached' });
    // The list is fetched again after the save; the row shows the change once that answer is in.
    await row.filter({ hasText: 'Journey dropoff' }).filter({ hasText: 'Journey step' }).waitFor();
    await page.context().close();
  });
});

contentScenarios(h);
predictionScenarios(h);
oidcScenarios(h);
// Last: its conversation adds chat touchpoints to the journey person whose touchpoints the tests above count.
customerLinkScenarios(h);
