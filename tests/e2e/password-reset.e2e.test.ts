import { describe, expect, it } from 'vitest';
import { LoginPage } from './pages/login-page.js';
import { Shell } from './pages/shell.js';
import { ApiClient, DEFAULT_PASSWORD, OWNER } from './support/api.js';
import { expectAccessible, newContext, screenshot } from './support/browser.js';
import { useOwnerSession } from './support/session.js';

const MEMBER = { displayName: '佐藤 花子', email: 'hanako.sato@example.jp' };
const NEW_PASSWORD = 'hanako-new-password-2026';

/** A member joins through an invitation over the API (what this spec is not about). */
async function arrangeMember(api: ApiClient): Promise<void> {
  const invitation = await api.call<{ url: string }>('POST', '/org/invitations', { role: 'member' });
  const url = new URL(invitation.url);
  const member = await ApiClient.create(url.origin);
  try {
    await member.call('POST', `/invitations/${url.pathname.split('/').at(-1)}/accept`, {
      ...MEMBER,
      password: DEFAULT_PASSWORD,
      locale: 'ja',
    });
  } finally {
    await member.dispose();
  }
}

describe('password reset link made by the owner', () => {
  const s = useOwnerSession({ arrange: arrangeMember });

  it('the owner makes a link on the members page; the member sets a new password with it and logs in', async () => {
    const { page } = s;
    await page.goto(`${s.server.url}/members`);
    await new Shell(page).waitForHeading('利用者と招待');
    await page
      .getByRole('button', { name: `${MEMBER.displayName} さんのパスワード再設定リンクを作る` })
      .click();
    const dialog = page.getByRole('dialog', { name: 'パスワード再設定リンク' });
    await dialog.getByRole('button', { name: 'リンクを作る' }).click();
    const field = dialog.getByRole('textbox', { name: 'パスワード再設定リンク' });
    await field.waitFor();
    const link = await field.inputValue();
    expect(link).toMatch(new RegExp(`^${s.server.url}/reset/[A-Za-z0-9_-]{43}$`));
    await expect(dialog.getByText('本人に直接渡してください').isVisible()).resolves.toBe(true);
    await expect(dialog.getByRole('button', { name: /コピー/ }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'password-reset-link');
    await expectAccessible(page, 'members with a reset link');
    await dialog.getByRole('button', { name: '閉じる' }).filter({ hasText: '閉じる' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // The member, on their own device: nobody signed in.
    const context = await newContext(s.browser);
    try {
      const member = await context.newPage();
      await member.goto(link);
      await member.getByRole('heading', { level: 1, name: 'パスワードの再設定' }).waitFor();
      await expectAccessible(member, 'reset page');
      await member
        .getByLabel(/新しいパスワード/)
        .and(member.locator('input'))
        .fill(NEW_PASSWORD);
      await member.getByRole('button', { name: '新しいパスワードを保存' }).click();
      await member.getByText('新しいパスワードを保存しました').waitFor();
      await expectAccessible(member, 'reset done');

      // The link worked once: opened again, it says so before any form, and where to get a new one.
      await member.goto(link);
      await member
        .getByRole('main')
        .getByRole('alert')
        .filter({ hasText: 'このリンクはもう使われています' })
        .waitFor();
      expect(await member.getByLabel(/新しいパスワード/).count()).toBe(0);
      await expectAccessible(member, 'reset page, used link');
      await member.getByRole('link', { name: '新しいリンクをもらう' }).click();

      // This server sends no mail: the page says who can help instead of asking for an address.
      await member.getByRole('heading', { level: 1, name: 'パスワードを忘れた場合' }).waitFor();
      await member.getByText('このサーバーからはメールを送れません').waitFor();
      await member.getByText('keizoku reset-password --email').waitFor();
      await expectAccessible(member, 'forgot password without mail');

      const login = new LoginPage(member);
      await login.goto(s.server.url);
      await member.getByRole('link', { name: 'パスワードを忘れた場合' }).waitFor();
      expect(await login.login(MEMBER.email, DEFAULT_PASSWORD)).toBe(401);
      expect(await login.login(MEMBER.email, NEW_PASSWORD)).toBe(200);
      await new Shell(member).waitForHeading(OWNER.organizationName);
    } finally {
      await context.close();
    }
  });
});
