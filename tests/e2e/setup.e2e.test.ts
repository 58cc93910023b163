import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SetupPage } from './pages/setup-page.js';
import { Shell } from './pages/shell.js';
import { OWNER } from './support/api.js';
import {
  expectAccessible,
  launchBrowser,
  newContext,
  screenshot,
  screenshotOnFailure,
} from './support/browser.js';
import { expectFitsPhone } from './support/layout.js';
import { type E2eServer, startServer } from './support/server.js';
import { withPhone } from './support/session.js';

describe('first-run setup', () => {
  let server: E2eServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    context = await newContext(browser);
    page = await context.newPage();
  });

  screenshotOnFailure(() => page);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('shows the setup page on a fresh server', async () => {
    await page.goto(server.url);
    const setup = new SetupPage(page);
    await setup.waitUntilShown();
    expect(new URL(page.url()).pathname).toBe('/setup');
    expect(await page.title()).toContain('はじめに');
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    await screenshot(page, 'setup');
    await expectAccessible(page, 'setup');
  });

  it('fits a 375 px phone', async () => {
    await withPhone(browser, {}, async (small) => {
      await small.goto(server.url);
      await new SetupPage(small).waitUntilShown();
      await expectFitsPhone(small, 'setup-phone');
    });
  });

  it('refuses a too-short password with a Japanese message and keeps what was typed', async () => {
    const setup = new SetupPage(page);
    await setup.createOrganization({ ...OWNER, password: 'short-pw' });
    const message = await setup.passwordError();
    expect(message).toContain('12文字以上にしてください');
    expect(await setup.organizationName().inputValue()).toBe(OWNER.organizationName);
    expect(await setup.displayName().inputValue()).toBe(OWNER.displayName);
    expect(await setup.email().inputValue()).toBe(OWNER.email);
    expect(await setup.password().inputValue()).toBe('short-pw');
    expect(new URL(page.url()).pathname).toBe('/setup');
    await screenshot(page, 'setup-error');
    await expectAccessible(page, 'setup with a password error');
  });

  it('creates the organization with a good password and lands on the home page logged in', async () => {
    const setup = new SetupPage(page);
    await setup.password().fill(OWNER.password);
    await setup.submit();
    const shell = new Shell(page);
    await shell.waitForHeading(OWNER.organizationName);
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByText(`${OWNER.displayName} さん、こんにちは。`).waitFor();
    await page.getByRole('banner').getByText(OWNER.organizationName).waitFor();

    const session = await page.evaluate(async () => (await fetch('/api/v1/session')).json());
    expect(session).toMatchObject({ authenticated: true, user: { email: OWNER.email } });
    await screenshot(page, 'home');
    await expectAccessible(page, 'home');
  });

  it('sends a second visitor of /setup to the login page once set up', async () => {
    const other = await newContext(browser);
    const visitor = await other.newPage();
    await visitor.goto(`${server.url}/setup`);
    await visitor.waitForURL(/\/login$/);
    await other.close();
  });
});
