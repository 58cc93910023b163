import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountPage } from './pages/account-page.js';
import { LoginPage } from './pages/login-page.js';
import { MfaPage } from './pages/mfa-page.js';
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
import { totpCode, wrongTotpCode } from './support/totp.js';

describe('two-step sign-in (TOTP)', () => {
  let server: E2eServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let secret = '';
  let recoveryCodes: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    const api = await ApiClient.create(server.url);
    await api.setup(OWNER);
    await api.dispose();
    browser = await launchBrowser();
    context = await newContext(browser);
    page = await context.newPage();
    const login = new LoginPage(page);
    await login.goto(server.url);
    await login.login(OWNER.email, OWNER.password);
    await new Shell(page).waitForHeading(OWNER.organizationName);
  });

  screenshotOnFailure(() => page);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('turns on two-step sign-in from the account settings and shows the recovery codes once', async () => {
    const shell = new Shell(page);
    await shell.openAccountSettings();
    const account = new AccountPage(page);
    await account.waitUntilShown();
    expect(await account.mfaStatus().textContent()).toBe('未設定');
    await expectAccessible(page, 'account settings');

    secret = await account.startMfaEnrolment();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await screenshot(page, 'account-mfa-enrol');
    await expectAccessible(page, 'account settings while enrolling MFA');

    // A wrong code is refused in Japanese under the field, and enrolment stays open.
    await account.confirmMfaCode(wrongTotpCode(secret));
    await account.mfaSection().getByRole('alert').filter({ hasText: '確認コードが違う' }).waitFor();
    expect(await account.codeInput().inputValue()).toBe('');

    await account.confirmMfaCode(totpCode(secret));
    recoveryCodes = await account.recoveryCodes();
    expect(recoveryCodes.length).toBeGreaterThanOrEqual(8);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(new Set(recoveryCodes).size).toBe(recoveryCodes.length);
    await screenshot(page, 'account-mfa-recovery-codes');
    await expectAccessible(page, 'account settings showing recovery codes');

    await account.confirmCodesSaved();
    await account.mfaStatus().filter({ hasText: '設定済み' }).waitFor();
    // Shown once only: after "saved" the codes are gone from the page.
    expect(await page.getByText(recoveryCodes[0] ?? '-').count()).toBe(0);
  });

  it('asks for the app code after the password, refuses a wrong one, accepts the right one', async () => {
    const shell = new Shell(page);
    await shell.logout();
    const login = new LoginPage(page);
    await login.goto(server.url);
    expect(await login.login(OWNER.email, OWNER.password)).toBe(200);
    const mfa = new MfaPage(page);
    await mfa.waitUntilShown();
    expect(new URL(page.url()).pathname).toBe('/mfa');
    await screenshot(page, 'mfa');
    await expectAccessible(page, 'MFA code page');

    // Not signed in yet: the directory sends the visitor back to the code page.
    const session = await page.evaluate(async () => (await fetch('/api/v1/session')).json());
    expect(session).toMatchObject({ authenticated: true, mfaPending: true });

    await mfa.enterAppCode(wrongTotpCode(secret));
    await mfa.waitForError('確認コードが違う');
    await expectAccessible(page, 'MFA code page with an error');

    // The next period's code: the enrolment already used this one (each step works once).
    await mfa.enterAppCode(totpCode(secret, 1));
    await shell.waitForHeading(OWNER.organizationName);
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('signs in with a recovery code instead, which then cannot be used again', async () => {
    const shell = new Shell(page);
    const login = new LoginPage(page);
    const mfa = new MfaPage(page);
    const code = recoveryCodes[0] ?? '';

    await shell.logout();
    await login.goto(server.url);
    await login.login(OWNER.email, OWNER.password);
    await mfa.waitUntilShown();
    await mfa.chooseRecoveryCode();
    await expectAccessible(page, 'MFA recovery-code form');
    await mfa.enterRecoveryCode(code.toUpperCase());
    await shell.waitForHeading(OWNER.organizationName);

    await shell.logout();
    await login.goto(server.url);
    await login.login(OWNER.email, OWNER.password);
    await mfa.waitUntilShown();
    await mfa.chooseRecoveryCode();
    await mfa.enterRecoveryCode(code);
    await mfa.waitForError('確認コードが違う');
    expect(new URL(page.url()).pathname).toBe('/mfa');
  });

  it('shows the code page on a 375 px phone, and "cancel" goes back to the login page', async () => {
    await withPhone(browser, {}, async (small) => {
      const login = new LoginPage(small);
      await login.goto(server.url);
      await login.login(OWNER.email, OWNER.password);
      await new MfaPage(small).waitUntilShown();
      await expectFitsPhone(small, 'mfa-phone');
      await small.getByRole('button', { name: 'やめてログイン画面に戻る' }).click();
      await login.waitUntilShown();
      const session = await small.evaluate(async () => (await fetch('/api/v1/session')).json());
      expect(session).toMatchObject({ authenticated: false });
    });
  });
});
