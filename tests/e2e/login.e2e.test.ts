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
import { expectFitsPhone } from './support/layout.js';
import { type E2eServer, startServer } from './support/server.js';
import { withPhone } from './support/session.js';

const WRONG = 'not-the-password-1';

describe('login, wrong password and lockout', () => {
  let server: E2eServer;
  let api: ApiClient;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    api = await ApiClient.create(server.url);
    await api.setup(OWNER);
    browser = await launchBrowser();
    context = await newContext(browser);
    page = await context.newPage();
  });

  screenshotOnFailure(() => page);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await api?.dispose();
    await server?.close();
  });

  it('logs in from the login page, logs out, and logs in again', async () => {
    const login = new LoginPage(page);
    await page.goto(server.url);
    await page.waitForURL(/\/login$/);
    await login.waitUntilShown();
    expect(await page.title()).toContain('ログイン');
    await screenshot(page, 'login');
    await expectAccessible(page, 'login');

    expect(await login.login(OWNER.email, OWNER.password)).toBe(200);
    const shell = new Shell(page);
    await shell.waitForHeading(OWNER.organizationName);

    await page.goto(`${server.url}/account`);
    await shell.waitForHeading('アカウント設定');
    await shell.logout();
    await login.waitUntilShown();
    // A clean login page: the next user does not land on the page the last one left.
    expect(new URL(page.url()).search).toBe('');
    // Logged out for real: a signed-in page sends the visitor back to the login page.
    await page.goto(`${server.url}/people`);
    await page.waitForURL(/\/login\?next=%2Fpeople$/);

    expect(await login.login(OWNER.email, OWNER.password)).toBe(200);
    await page.waitForURL(/\/people$/);
    await shell.logout();
  });

  it('says in Japanese that the address or password is wrong, keeping the address only', async () => {
    const login = new LoginPage(page);
    await login.goto(server.url);
    expect(await login.login(OWNER.email, WRONG)).toBe(401);
    await login.waitForError('メールアドレスかパスワードが違います。');
    expect(await login.email().inputValue()).toBe(OWNER.email);
    expect(await login.password().inputValue()).toBe('');
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshot(page, 'login-wrong-password');
    await expectAccessible(page, 'login with the wrong-password message');
  });

  it('shows the typed password on request, with the button named in Japanese', async () => {
    const login = new LoginPage(page);
    await login.password().fill('typed-secret');
    expect(await login.password().getAttribute('type')).toBe('password');
    const show = page.getByRole('button', { name: 'パスワードを表示する' });
    expect(await show.getAttribute('aria-pressed')).toBe('false');
    await show.click();
    expect(await login.password().getAttribute('type')).toBe('text');
    expect(await show.getAttribute('aria-pressed')).toBe('true');
    expect(await login.password().inputValue()).toBe('typed-secret');
  });

  it('locks the account after 10 failed logins and shows until when', async () => {
    // Start from zero failures (a successful login resets the count), then fail 10 times.
    await api.login(OWNER.email, OWNER.password);
    const login = new LoginPage(page);
    await login.goto(server.url);
    for (let attempt = 1; attempt <= 9; attempt++) {
      expect(await login.login(OWNER.email, WRONG)).toBe(401);
    }
    await login.waitForError('メールアドレスかパスワードが違います。');

    expect(await login.login(OWNER.email, WRONG)).toBe(423);
    await login.waitForError('一時的にロックされています');

    const user = await server.db.kysely
      .selectFrom('users')
      .select('locked_until')
      .where('email', '=', OWNER.email)
      .executeTakeFirstOrThrow();
    const until = new Date(String(user.locked_until));
    const minutes = (until.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(29);
    expect(minutes).toBeLessThanOrEqual(30);
    // Shown in the reader's time zone (the browser is set to Asia/Tokyo), e.g. 2026/11/28 14:05.
    const shown = new Intl.DateTimeFormat('ja-JP', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Asia/Tokyo',
    }).format(until);
    const message = await login.errorMessage();
    expect(message).toBe(
      `ログインに続けて失敗したため、このアカウントは一時的にロックされています。${shown} 以降にもう一度お試しください。`,
    );

    // Even the right password is refused while locked.
    expect(await login.login(OWNER.email, OWNER.password)).toBe(423);
    await login.waitForError(shown);
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshot(page, 'login-locked');
    await expectAccessible(page, 'login with the lockout message');
  });

  it('fits a 375 px phone', async () => {
    await withPhone(browser, {}, async (small) => {
      await new LoginPage(small).goto(server.url);
      const button = await small.getByRole('main').getByRole('button', { name: 'ログイン' }).boundingBox();
      expect(button?.width).toBeGreaterThan(250);
      await expectFitsPhone(small, 'login-phone');
    });
  });
});
