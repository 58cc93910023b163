import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Shell } from './pages/shell.js';
import { type ApiClient, OWNER } from './support/api.js';
import { expectAccessible, screenshot } from './support/browser.js';
import { horizontalOverflow } from './support/layout.js';
import { useOwnerSession } from './support/session.js';

/**
 * On a 375 px phone every list keeps its key facts on screen: a table turns into cards (one per
 * row, "header: value" lines) or is narrow enough to show all its columns. Nothing hides in a
 * sideways-scrolling box without a cue.
 */

const OPERATION = '会員の入会受付';
const ESTIMATE = '会員情報の漏えい';

async function arrange(api: ApiClient): Promise<void> {
  const item = (register: string, body: object) =>
    api.call<{ id: string }>('POST', `/inventory/${register}`, body);
  const link = (fromType: string, fromId: string, toType: string, toId: string) =>
    api.call('POST', '/inventory/edges', { fromType, fromId, toType, toId });
  const vendor = await item('suppliers', { name: '岡山システム保守', kind: 'vendor' });
  const nas = await item('components', {
    name: 'NAS（共有ファイル保存）',
    layer: 3,
    side: 'server',
    declaredRto: { kind: 'duration', minutes: 1440 },
  });
  const files = await item('systems', { name: 'ファイルサーバー', dependencyLevel: 3 });
  const signup = await item('operations', { name: OPERATION, importance: 3 });
  await link('component', nas.id, 'supplier', vendor.id);
  await link('system', files.id, 'component', nas.id);
  await link('operation', signup.id, 'system', files.id);
  await api.call('POST', '/damage/estimates', {
    name: ESTIMATE,
    annualSalesYen: 300_000_000,
    amounts: { compensation: 1_000_000, investigation_recovery: 16_500_000 },
    operationId: signup.id,
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
});
