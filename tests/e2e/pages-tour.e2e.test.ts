import { describe, expect, it } from 'vitest';
import { Shell } from './pages/shell.js';
import { ApiClient, DEFAULT_PASSWORD, OWNER } from './support/api.js';
import { arrangeSmallBia, arrangeStaff } from './support/arrange.js';
import { expectAccessible, screenshot } from './support/browser.js';
import { horizontalOverflow, wordsBrokenInside } from './support/layout.js';
import { useOwnerSession } from './support/session.js';

/** Every signed-in page, with its Japanese heading. */
const PAGES: { path: string; heading: string | RegExp }[] = [
  { path: '/', heading: OWNER.organizationName },
  { path: '/people', heading: '社員名簿' },
  { path: '/people/import', heading: '社員名簿をファイルから取り込む' },
  { path: '/structure', heading: '拠点・部署' },
  { path: '/diagnosis', heading: 'IT依存度診断（松竹梅）' },
  { path: '/inventory/operations', heading: 'IT資産台帳' },
  { path: '/inventory/systems', heading: 'IT資産台帳' },
  { path: '/inventory/components', heading: 'IT資産台帳' },
  { path: '/inventory/suppliers', heading: 'IT資産台帳' },
  { path: '/inventory/operations/import', heading: '業務をExcelから取り込む' },
  { path: '/bia/results', heading: '業務影響分析（BIA）' },
  { path: '/bia/inversions', heading: '業務影響分析（BIA）' },
  { path: '/bia/heatmap', heading: '業務影響分析（BIA）' },
  { path: '/bia/graph', heading: '業務影響分析（BIA）' },
  { path: '/bia/impact', heading: '業務影響分析（BIA）' },
  { path: '/bia/settings', heading: '業務影響分析（BIA）' },
  { path: '/bia/signoff', heading: '業務影響分析（BIA）' },
  { path: '/damage', heading: '被害額の試算' },
  { path: '/members', heading: '利用者と招待' },
  { path: '/audit', heading: '変更の記録' },
  { path: '/backups', heading: 'バックアップ' },
  { path: '/settings/organization', heading: '組織の設定' },
  { path: '/organizations', heading: '担当する組織の一覧' },
  { path: '/account', heading: 'アカウント設定' },
  { path: '/glossary', heading: '用語集' },
  { path: '/no-such-page', heading: 'ページが見つかりません' },
];

/**
 * A site, a department and a person; a small BIA with one inversion (the NAS promises 1 day, the
 * file server is needed at once) and an estimate, so the module pages show their tables and graph.
 */
async function arrangeTour(api: ApiClient): Promise<void> {
  await arrangeStaff(api);
  await arrangeSmallBia(api);
}

/** A member whose account someone locked by guessing its password, so home shows that finding. */
async function arrangeLockedMember(api: ApiClient): Promise<void> {
  const invitation = await api.call<{ url: string }>('POST', '/org/invitations', { role: 'member' });
  const url = new URL(invitation.url);
  const member = await ApiClient.create(url.origin);
  const guesser = await ApiClient.create(url.origin);
  try {
    await member.call('POST', `/invitations/${url.pathname.split('/').at(-1)}/accept`, {
      displayName: LOCKED_MEMBER,
      email: 'ichiro.sato@example.jp',
      password: DEFAULT_PASSWORD,
      locale: 'ja',
    });
    for (let i = 0; i < 10; i++)
      await guesser.send('POST', '/auth/login', { email: 'ichiro.sato@example.jp', password: `guess ${i}` });
  } finally {
    await member.dispose();
    await guesser.dispose();
  }
}
const LOCKED_MEMBER = '佐藤 一郎';

/**
 * A walk through every page on a desktop and on a 375 px phone: each has its heading, no serious
 * or critical accessibility violation, no header or name wrapped inside a word, and (on the phone)
 * nothing that scrolls the page sideways.
 */
describe.each([
  { device: 'desktop', phone: false },
  { device: 'phone', phone: true },
])('every page on a $device', ({ device, phone }) => {
  const s = useOwnerSession({
    phone,
    arrange: async (api) => {
      await arrangeTour(api);
      await arrangeLockedMember(api);
    },
  });

  it("tells the owner on the home page that a member's account is locked, and what to do", async () => {
    await s.page.goto(`${s.server.url}/`);
    const findings = s.page.getByRole('region', { name: '対応が必要なこと' });
    await findings
      .getByText(
        new RegExp(
          `${LOCKED_MEMBER}さんのアカウントが、ログイン失敗の繰り返しでロックされています（.+まで）`,
        ),
      )
      .waitFor();
    await findings.getByText('パスワードの変更と2段階認証の設定').waitFor();
    await findings.getByRole('link', { name: '利用者の一覧を見る' }).waitFor();
  });

  it.each(PAGES)('$path', async ({ path, heading }) => {
    await s.page.goto(`${s.server.url}${path}`);
    await new Shell(s.page).waitForHeading(heading);
    // Let lists finish loading (their loaders are role=status "読み込み中…").
    await expect.poll(() => s.page.getByText('読み込み中…').count()).toBe(0);
    if (phone) expect(await horizontalOverflow(s.page)).toBe(0);
    // Headers and names wrap only between words (no 業務重/要度).
    expect(await wordsBrokenInside(s.page)).toEqual([]);
    await screenshot(s.page, `tour-${device}${path.replace(/\//g, '_')}`);
    await expectAccessible(s.page, `${path} on a ${device}`);
  });

  it('explains a term when it is pressed (a tap on a phone), and links to the glossary', async () => {
    await s.page.goto(`${s.server.url}/bia/results`);
    await new Shell(s.page).waitForHeading('業務影響分析（BIA）');
    const term = s.page.getByRole('main').getByRole('button', { name: '目標復旧時間', exact: true });
    await term.click();
    const explanation = s.page.getByRole('dialog', { name: '目標復旧時間' });
    await explanation.getByText('いつまでに元に戻すかの目標です').waitFor();
    await expectAccessible(s.page, `a glossary term's explanation on a ${device}`);
    await s.page.keyboard.press('Escape');
    await explanation.waitFor({ state: 'hidden' });
    await term.click();
    await explanation.getByRole('link', { name: '用語集ですべて見る' }).click();
    await new Shell(s.page).waitForHeading('用語集');
    await s.page.getByRole('heading', { name: '目標復旧時間 (RTO)' }).waitFor();
  });

  it.runIf(!phone)(
    'offers 今すぐバックアップ next to "no backup yet" and reports a tested backup',
    async () => {
      await s.page.goto(`${s.server.url}/backups`);
      await new Shell(s.page).waitForHeading('バックアップ');
      const warning = s.page
        .getByRole('alert')
        .filter({ hasText: 'keizoku のバックアップがまだ1つもありません' });
      await warning.getByRole('button', { name: '今すぐバックアップ' }).waitFor();
      await s.page.getByRole('button', { name: '今すぐバックアップ' }).first().click();
      await s.page
        .getByText('バックアップを作り、テストで戻せることを確かめました')
        .waitFor({ timeout: 60_000 });
      await expect.poll(() => warning.count()).toBe(0);
      await screenshot(s.page, 'tour-desktop_backups-done');
      await expectAccessible(s.page, '/backups after 今すぐバックアップ');
    },
    90_000,
  );

  it.runIf(phone)('opens the menu with the burger button', async () => {
    await s.page.goto(`${s.server.url}/`);
    const nav = await new Shell(s.page).openNavigation();
    await nav.getByRole('link', { name: '社員名簿' }).waitFor();
    // The language switch moves into the menu on a narrow phone.
    await nav.getByRole('radiogroup').waitFor();
    await screenshot(s.page, 'tour-phone-menu');
    await expectAccessible(s.page, 'the open menu on a phone');
    await nav.getByRole('link', { name: '社員名簿' }).click();
    await new Shell(s.page).waitForHeading('社員名簿');
    // Closed again, and the off-screen menu is out of the keyboard and screen-reader order.
    const burger = s.page.getByRole('banner').getByRole('button', { name: 'メニューを開く' });
    expect(await burger.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => nav.evaluate((el) => (el as HTMLElement).inert)).toBe(true);
    await s.page
      .getByRole('banner')
      .getByRole('button', { name: /さんのメニュー/ })
      .focus();
    await s.page.keyboard.press('Tab');
    const next = await s.page.evaluate(() => document.activeElement?.closest('nav') === null);
    expect(next).toBe(true);
  });
});
