import path from 'node:path';
import type { Role } from '@c360/auth';
import { freePort } from '@c360/testing';
import type { Browser, Page } from 'playwright-core';
// The console's browser tests run the system exactly as apps/e2e does.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { gatewayData, postBatch, System, tokenFor, waitForQueuesIdle } from '../../e2e/src/system';
import { startConsoleServer, type ConsoleServer } from '../server/static-server';
import { accessibilityViolations, launchChromium } from './browser';
import { seed } from './seed';
import { insightsSeed } from './seed-insights';

export const DIST = path.resolve(__dirname, '../../../dist/apps/console');

/**
 * The whole system with the run's seeded data, the built console served at its own origin, and Debian's
 * Chromium: what every browser test scenario works against.
 */
export class ConsoleHarness {
  system!: System;
  console!: ConsoleServer;
  browser!: Browser;
  readonly data = seed();
  readonly insights = insightsSeed(this.data.tag);
  /** service and compliance: loads data and checks outcomes through the gateway. */
  officerToken!: string;

  async start(): Promise<void> {
    const port = await freePort();
    const consoleOrigin = `http://127.0.0.1:${port}`;
    // Every process gets the console's origin; only the gateway reads it (CORS).
    this.system = new System({ CONSOLE_ORIGIN: consoleOrigin });
    await this.system.start();
    this.console = await startConsoleServer({ distDir: DIST, host: '127.0.0.1', port, config: { gatewayUrl: this.system.gateway.url } });
    this.officerToken = await tokenFor({ subject: 'console-e2e-loader', roles: ['service', 'compliance'], scopes: [] });
    const first = await postBatch(this.system, [...this.data.first, ...this.insights.touchpoints], this.officerToken);
    expect(first.body.results.filter((r) => r.status !== 'accepted')).toEqual([]);
    await waitForQueuesIdle(this.system, 120_000);
    const second = await postBatch(this.system, this.data.second, this.officerToken);
    expect(second.body.results.map((r) => r.status)).toEqual(['accepted']);
    await waitForQueuesIdle(this.system, 60_000);
    this.browser = await launchChromium();
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await this.console?.close();
    await this.system?.stop();
  }

  async signIn(role: Role): Promise<Page> {
    const context = await this.browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const token = await tokenFor({ subject: `console-${role}`, roles: [role], scopes: [] });
    await page.goto(`${this.console.url}/#dev-token=${token}`);
    await page.getByText('Signed in as').waitFor();
    return page;
  }
}

export async function expectAccessible(page: Page): Promise<void> {
  expect(await accessibilityViolations(page)).toEqual([]);
}

export async function findCustomer(page: Page, email: string): Promise<void> {
  await page.getByLabel('Value').fill(email);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('heading', { name: 'Identifiers' }).waitFor();
}

/** The customer id identity-graph holds for an email, through the gateway. */
export async function customerIdOf(h: ConsoleHarness, email: string): Promise<string> {
  const { customerByIdentifier } = await gatewayData<{ customerByIdentifier: { id: string } | null }>(
    h.system,
    `query ($e: String!) { customerByIdentifier(type: EMAIL, value: $e) { id } }`,
    { e: email },
    h.officerToken,
  );
  if (!customerByIdentifier) throw new Error(`no customer for ${email}`);
  return customerByIdentifier.id;
}

export async function tokenOf(role: Role): Promise<string> {
  return tokenFor({ subject: `console-${role}`, roles: [role], scopes: [] });
}
