import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginPage } from './pages/login-page.js';
import { Shell } from './pages/shell.js';
import { ApiClient, OWNER } from './support/api.js';
import {
  expectAccessible,
  launchBrowser,
  newContext,
  screenshot,
  screenshotOnFailure,
} from './support/browser.js';
import { type E2eServer, startServer } from './support/server.js';

describe('language switch (saved per user)', () => {
  let server: E2eServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  /** The signed-in user's saved language, as the server has it. */
  const savedLocale = async (p: Page) =>
    ((await p.evaluate(async () => (await fetch('/api/v1/session')).json())) as { user: { locale: string } })
      .user.locale;

  /** Logs in from a browser with nothing stored (new context) and returns its page. */
  async function freshLogin(): Promise<{ context: BrowserContext; page: Page }> {
    const ctx = await newContext(browser);
    const p = await ctx.newPage();
    const login = new LoginPage(p);
    await login.goto(server.url);
    // Before logging in, a new browser shows Japanese (the default).
    expect(await p.locator('html').getAttribute('lang')).toBe('ja');
    await login.login(OWNER.email, OWNER.password);
    await p.waitForURL(`${server.url}/`);
    return { context: ctx, page: p };
  }

  beforeAll(async () => {
    server = await startServer();
    const api = await ApiClient.create(server.url);
    await api.setup(OWNER, 'ja');
    await api.dispose();
    browser = await launchBrowser();
    ({ context, page } = await freshLogin());
    await new Shell(page).waitForHeading(OWNER.organizationName);
  });

  screenshotOnFailure(() => page);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('starts in Japanese', async () => {
    const shell = new Shell(page);
    expect(await shell.htmlLang()).toBe('ja');
    const nav = await shell.openNavigation();
    await nav.getByRole('link', { name: '社員名簿' }).waitFor();
    await page.getByText(`${OWNER.displayName} さん、こんにちは。`).waitFor();
    expect(await savedLocale(page)).toBe('ja');
  });

  it('switches to English from the header: texts, <html lang>, and the saved choice', async () => {
    const shell = new Shell(page);
    await shell.switchLanguage('English');
    expect(await shell.htmlLang()).toBe('en');
    await page.getByText(`Hello, ${OWNER.displayName}.`).waitFor();
    const nav = await shell.openNavigation();
    for (const name of ['Home', 'People', 'Sites & departments', 'Members & invitations']) {
      await nav.getByRole('link', { name }).waitFor();
    }
    expect(await nav.getByRole('link', { name: '社員名簿' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Skip to content' }).waitFor({ state: 'attached' });
    await expect.poll(() => savedLocale(page)).toBe('en');

    await shell.goTo('People');
    await shell.waitForHeading('People');
    expect(await page.title()).toContain('People');
    await screenshot(page, 'people-en');
    await expectAccessible(page, 'people in English');
  });

  it('stays English after a reload', async () => {
    await page.reload();
    const shell = new Shell(page);
    await shell.waitForHeading('People');
    expect(await shell.htmlLang()).toBe('en');
  });

  it('follows the user to another browser: saved on the account, not only in this browser', async () => {
    const other = await freshLogin();
    const shell = new Shell(other.page);
    await shell.waitForHeading(OWNER.organizationName);
    await other.page.getByText(`Hello, ${OWNER.displayName}.`).waitFor();
    expect(await shell.htmlLang()).toBe('en');
    await expectAccessible(other.page, 'home in English');
    await other.context.close();
  });

  it('switches back to Japanese, which is saved too', async () => {
    const shell = new Shell(page);
    await shell.switchLanguage('日本語');
    expect(await shell.htmlLang()).toBe('ja');
    await shell.waitForHeading('社員名簿');
    await expect.poll(() => savedLocale(page)).toBe('ja');
    await page.reload();
    await shell.waitForHeading('社員名簿');
    expect(await shell.htmlLang()).toBe('ja');

    const other = await freshLogin();
    await other.page.getByText(`${OWNER.displayName} さん、こんにちは。`).waitFor();
    await other.context.close();
  });

  it('switches the login page language before signing in (kept in the browser)', async () => {
    await new Shell(page).logout();
    const login = new LoginPage(page);
    await login.waitUntilShown();
    await page.getByRole('banner').getByText('English', { exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await login.login(OWNER.email, 'wrong-password-123')).toBe(401);
    await login.waitForError('The email address or password is wrong.');
    await expectAccessible(page, 'login in English with an error');
  });
});
