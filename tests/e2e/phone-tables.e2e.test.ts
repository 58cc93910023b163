import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { AuditPage } from './pages/audit-page.js';
import { BiaPage } from './pages/bia-page.js';
import { Shell } from './pages/shell.js';
import { type ApiClient, OWNER } from './support/api.js';
import { arrangeSmallBia, arrangeStaff, SMALL_BIA, STAFF } from './support/arrange.js';
import { expectAccessible, screenshot } from './support/browser.js';
import { expectFitsPhone, horizontalOverflow } from './support/layout.js';
import { useOwnerSession } from './support/session.js';

/**
 * On a 375 px phone every list keeps its key facts on screen: a table turns into cards (one per
 * row, "header: value" lines) or is narrow enough to show all its columns. Nothing hides in a
 * sideways-scrolling box without a cue.
 */

const OPERATION = SMALL_BIA.operation;
const ESTIMATE = SMALL_BIA.estimate;
/** Rated low and leaning on a system of middle dependency: the matrix cell a test changes. */
const PAYROLL = '給与計算';

async function arrange(api: ApiClient): Promise<void> {
  await arrangeStaff(api);
  await arrangeSmallBia(api);
  const mail = await api.call<{ id: string }>('POST', '/inventory/systems', {
    name: 'メール',
    dependencyLevel: 2,
  });
  const payroll = await api.call<{ id: string }>('POST', '/inventory/operations', {
    name: PAYROLL,
    importance: 1,
  });
  await api.call('POST', '/inventory/edges', {
    fromType: 'operation',
    fromId: payroll.id,
    toType: 'system',
    toId: mail.id,
  });
  const { tiers } = await api.call<{ tiers: { measures: { id: string }[] }[] }>('GET', '/diagnosis/measures');
  const measure = tiers[0]?.measures[0];
  if (!measure) throw new Error('no measure to make a task of');
  await api.call('POST', '/diagnosis/tasks', {
    items: [{ measureId: measure.id, title: '週に一度バックアップを確かめる' }],
  });
  await api.call('POST', '/org/invitations', { role: 'member', email: 'new.member@example.jp' });
}

/**
 * Which of `keys` are shown whole on the screen inside `area`: as a column header of a table or
 * as the "key:" label of a card. A column scrolled off to the right does not count.
 */
async function keysOnScreen(page: Page, area: Locator, keys: string[]): Promise<string[]> {
  await area.waitFor();
  const width = page.viewportSize()?.width ?? 0;
  return area.evaluate(
    (el, { keys, width }) =>
      keys.filter((key) =>
        [...el.querySelectorAll('th, dt')].some((cell) => {
          const text = (cell.textContent ?? '').replace(/[:：]\s*$/, '').trim();
          if (text !== key) return false;
          const r = cell.getBoundingClientRect();
          // Inside the screen and not clipped by a scrolling box around it.
          let box: Element | null = cell.parentElement;
          while (box && box !== document.body) {
            const b = box.getBoundingClientRect();
            if (
              getComputedStyle(box).overflowX !== 'visible' &&
              (r.left < b.left - 1 || r.right > b.right + 1)
            )
              return false;
            box = box.parentElement;
          }
          return r.width > 0 && r.left >= 0 && r.right <= width + 1;
        }),
      ),
    { keys, width },
  );
}

const LISTS: {
  path: string;
  heading: string | RegExp;
  area: string | RegExp;
  keys: string[];
  row: string;
}[] = [
  {
    path: '/bia/results',
    heading: '業務影響分析（BIA）',
    area: '業務ごとの優先度と目標復旧時間',
    keys: ['優先度', '目標復旧時間'],
    row: OPERATION,
  },
  {
    path: '/bia/results',
    heading: '業務影響分析（BIA）',
    area: 'システム（引き継いだ優先度）',
    keys: ['優先度', '目標復旧時間'],
    row: 'ファイルサーバー',
  },
  {
    path: '/damage',
    heading: '被害額の試算',
    area: 'この組織の試算',
    keys: ['合計', '売上比'],
    row: ESTIMATE,
  },
  {
    path: '/diagnosis',
    heading: 'IT依存度診断（松竹梅）',
    area: '対策のタスク',
    keys: ['状態', '担当者', '期限'],
    row: '週に一度バックアップを確かめる',
  },
  {
    path: '/people',
    heading: '社員名簿',
    area: '名簿の一覧',
    keys: ['所属', '雇用区分', '連絡先'],
    row: STAFF.person,
  },
  {
    path: '/people/import',
    heading: '社員名簿をファイルから取り込む',
    area: '使える見出し',
    keys: ['見出し（英語）', '入れる内容'],
    row: 'メールアドレス',
  },
  {
    path: '/inventory/operations',
    heading: 'IT資産台帳',
    area: '業務',
    keys: ['業務重要度', 'システム依存度'],
    row: OPERATION,
  },
  {
    path: '/inventory/systems',
    heading: 'IT資産台帳',
    area: 'システム',
    keys: ['設置形態', 'システム依存度'],
    row: SMALL_BIA.system,
  },
  {
    path: '/inventory/components',
    heading: 'IT資産台帳',
    area: '構成要素',
    keys: ['レイヤー', '復旧見込み時間（計画・契約）'],
    row: SMALL_BIA.component,
  },
  {
    path: '/inventory/suppliers',
    heading: 'IT資産台帳',
    area: '取引先・クラウド',
    keys: ['種別', '復旧見込み時間（契約・SLA）'],
    row: SMALL_BIA.supplier,
  },
  {
    path: '/members',
    heading: '利用者と招待',
    area: '利用者',
    keys: ['役割', '2段階認証'],
    row: OWNER.displayName,
  },
  {
    path: '/members',
    heading: '利用者と招待',
    area: '招待の一覧',
    keys: ['状態', '役割', '有効期限'],
    row: 'new.member@example.jp',
  },
];

describe('tables on a 375 px phone', () => {
  const s = useOwnerSession({ phone: true, arrange });

  it.each(LISTS)('$path: "$area" shows $keys beside each row', async ({ path, heading, area, keys, row }) => {
    await s.page.goto(`${s.server.url}${path}`);
    await new Shell(s.page).waitForHeading(heading);
    await expect.poll(() => s.page.getByText('読み込み中…').count()).toBe(0);
    const region = s.page
      .getByRole('main')
      .getByRole('region', { name: area, exact: typeof area === 'string' });
    await region.getByText(row, { exact: false }).first().waitFor();
    expect(await keysOnScreen(s.page, region, keys)).toEqual(keys);
    expect(await horizontalOverflow(s.page)).toBe(0);
    await screenshot(s.page, `phone-table${path.replace(/\//g, '_')}-${String(area).slice(0, 12)}`);
    await expectAccessible(s.page, `${path} "${area}" on a phone`);
  });

  /** Shows `area` of the page and checks its key columns as the lists above are checked. */
  async function expectKeys(
    area: Locator,
    row: string | RegExp,
    keys: string[],
    shot: string,
  ): Promise<void> {
    await area.getByText(row).first().waitFor();
    expect(await keysOnScreen(s.page, area, keys)).toEqual(keys);
    await expectFitsPhone(s.page, `phone-table-${shot}`);
  }

  it('/people/import: the problems of an uploaded file as cards with their reason', async () => {
    await s.page.goto(`${s.server.url}/people/import`);
    await s.page
      .getByRole('main')
      .locator('input[type=file]')
      .setInputFiles({
        name: 'people.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('\uFEFF氏名,メールアドレス\r\n山田 花子,not-an-email\r\n', 'utf8'),
      });
    await s.page.getByRole('button', { name: 'アップロードして確かめる' }).click();
    const problems = s.page.getByRole('region', { name: '問題のある行' });
    await expectKeys(problems, /2 行目・メールアドレス/, ['理由'], 'people-import-problems');
  });

  it('/inventory/operations/import: the problems of a checked file as cards with their reason', async () => {
    await s.page.goto(`${s.server.url}/inventory/operations/import`);
    await s.page
      .getByRole('main')
      .locator('input[type=file]')
      .setInputFiles({
        name: 'operations.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('\uFEFF業務名,業務重要度\r\n受付,9\r\n', 'utf8'),
      });
    await s.page.getByRole('main').getByRole('button', { name: 'アップロードして確かめる' }).click();
    const problems = s.page.getByRole('main').getByRole('region', { name: '問題のある行' });
    await expectKeys(problems, /2 行目・/, ['理由'], 'inventory-import-problems');
  });

  it('/bia/impact: the operations that stop, with their priority and target', async () => {
    const bia = new BiaPage(s.page);
    await bia.goto(s.server.url, '障害の影響');
    await bia.waitForLoaded();
    await bia.pickFailure(SMALL_BIA.system);
    await expectKeys(bia.impactResult(), OPERATION, ['優先度', '目標復旧時間'], 'bia-impact');
  });

  it('/audit: an opened entry lists its fields one under the other', async () => {
    const audit = new AuditPage(s.page);
    await audit.goto(s.server.url);
    const changes = await audit.open(`業務『${PAYROLL}』を追加しました`);
    expect(await keysOnScreen(s.page, changes, ['業務重要度'])).toEqual(['業務重要度']);
    await expectFitsPhone(s.page, 'phone-table-audit');
  });

  it('/bia/settings: the matrix as a box per dependency level, the RTO table, and the scale preview', async () => {
    const bia = new BiaPage(s.page);
    await bia.goto(s.server.url, '設定');
    await bia.waitForLoaded();
    // Every cell's choice and its importance level are on screen, under their dependency level.
    const matrix = bia.settingsSection('優先度マトリクス');
    for (const d of [1, 2, 3])
      for (const i of [1, 2, 3]) expect(await isOnScreen(s.page, bia.matrixCell(i, d))).toBe(true);
    expect(await isOnScreen(s.page, matrix.getByText(/^依存度 3/).first())).toBe(true);
    for (const p of ['S', 'A', 'B', 'C', 'D'] as const)
      expect(await isOnScreen(s.page, bia.rtoSection().getByText(`優先度 ${p}`, { exact: true }))).toBe(true);
    await expectFitsPhone(s.page, 'phone-table-bia-settings');

    // A hand-set cell moves its operation when the scale changes: the preview lists it as a card.
    await bia.matrixCell(1, 2).selectOption('A');
    expect(await bia.saveSettings()).toBe(200);
    await bia.chooseScale(5);
    const moved = bia.scaleDialog().getByRole('region', { name: '優先度が変わる業務' });
    await moved.getByText(PAYROLL).waitFor();
    expect(await keysOnScreen(s.page, moved, ['変更前（重要度×依存度）', '変更後（重要度×依存度）'])).toEqual(
      ['変更前（重要度×依存度）', '変更後（重要度×依存度）'],
    );
    await expectFitsPhone(s.page, 'phone-table-bia-scale-preview');
  });
});

/** Whether the element is shown whole inside the screen's width. */
async function isOnScreen(page: Page, target: Locator): Promise<boolean> {
  const box = await target.boundingBox();
  const width = page.viewportSize()?.width ?? 0;
  return box !== null && box.width > 0 && box.x >= 0 && box.x + box.width <= width + 1;
}
