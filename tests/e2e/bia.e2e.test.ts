import { describe, expect, it } from 'vitest';
import { BiaPage } from './pages/bia-page.js';
import { InventoryPage } from './pages/inventory-page.js';
import { Shell } from './pages/shell.js';
import { expectAccessible, screenshot } from './support/browser.js';
import { fieldError } from './support/fields.js';
import { chooseOption, tableRows } from './support/mantine.js';
import { signInAsOwner, useOwnerSession } from './support/session.js';

/*
 * A small BIA built from scratch in the browser, on the 3×3 matrix of 001 (sum of the two levels:
 * 6 = S, 5 = A, 4 = B, 3 = C, 2 = D) and RTO table 例2 (S 3 h, A 6 h, B 24 h, C 72 h, D not set):
 *
 *   会員の入会受付 (importance 3) → 顧客管理システム (dependency 3) → ファイルサーバー (2) → NAS → 岡山システム保守
 *   給与計算 (importance 1)       → 会計システム (dependency 2)    ↗
 *   備品の発注 (importance 1, no system)
 *
 * An operation's dependency is the highest of its systems' (1 with none), so: 入会受付 3+3 = S (3 h),
 * 給与計算 1+2 = C (72 h = 3 days), 備品の発注 1+1 = D (not set). The NAS promises 24 h while the file
 * server above it must be back in 3 h: one RTO inversion, found with its chain.
 */
const OPS = { signup: '会員の入会受付', payroll: '給与計算', supplies: '備品の発注' };
const SYS = { crm: '顧客管理システム', accounting: '会計システム', files: 'ファイルサーバー' };
const NAS = 'NAS（共有ファイル保存）';
const VENDOR = '岡山システム保守';
const DECLARED = '復旧見込み時間（計画・契約）';

describe('BIA: built from scratch, inversion found and fixed, failure impact', () => {
  const s = useOwnerSession();

  it('starts empty and picks the 3×3 matrix and RTO table 例2 on the settings', async () => {
    await new Shell(s.page).goTo('業務影響分析（BIA）');
    const bia = new BiaPage(s.page);
    await bia.waitUntilShown();
    await s.page.waitForURL(/\/bia\/results$/);
    await s.page.getByText('業務がまだありません。IT資産台帳で業務を登録してください。').waitFor();

    await bia.openTab('設定');
    expect(await bia.scaleOption(3).isChecked()).toBe(true);
    await bia.useMatrixPreset('3段階マトリクス');
    // Rows from dependency 3 down to 1, importance 1 → 3 (001's table, to the cell).
    expect(await bia.matrix()).toEqual([
      ['B', 'A', 'S'],
      ['C', 'B', 'A'],
      ['D', 'C', 'B'],
    ]);
    await bia.chooseRtoPreset('例2（時間単位）');
    expect(await bia.rtoTable()).toEqual({
      S: '3 時間 以内に戻す',
      A: '6 時間 以内に戻す',
      B: '1 日 以内に戻す',
      C: '3 日 以内に戻す',
      D: '規定なし',
    });
    expect(await bia.saveSettings()).toBe(200);
    await s.page.getByText('BIAの設定を保存しました').waitFor();
    await screenshot(s.page, 'bia-settings');
    await expectAccessible(s.page, 'BIA settings');

    await s.page.reload();
    await bia.waitForLoaded();
    expect(await bia.rtoPreset().inputValue()).toBe('例2（時間単位）');
  });

  it('builds the IT side bottom-up: supplier, component, systems, each linked to what it needs', async () => {
    await new Shell(s.page).goTo('IT資産台帳');
    const inventory = new InventoryPage(s.page);
    await inventory.waitUntilShown();
    await inventory.create('suppliers', { name: VENDOR });
    await inventory.create('components', {
      name: NAS,
      selects: { レイヤー: '3 ハードウェア', 'クライアント/サーバー': 'サーバー側' },
      rto: { [DECLARED]: { within: 1, unit: '日' } },
      dependsOn: [VENDOR],
    });
    await inventory.create('systems', {
      name: SYS.files,
      levels: { システム依存度: 2 },
      dependsOn: [NAS],
    });
    await inventory.create('systems', {
      name: SYS.crm,
      levels: { システム依存度: 3 },
      dependsOn: [SYS.files],
    });
    await inventory.create('systems', {
      name: SYS.accounting,
      levels: { システム依存度: 2 },
      dependsOn: [SYS.files],
    });
    expect(await inventory.names('systems')).toEqual(Object.values(SYS).sort());
  });

  it('adds the operations with their importance and the systems they use', async () => {
    const inventory = new InventoryPage(s.page);
    await inventory.create('operations', {
      name: OPS.signup,
      levels: { 業務重要度: 3 },
      dependsOn: [SYS.crm],
    });
    await inventory.create('operations', {
      name: OPS.payroll,
      levels: { 業務重要度: 1 },
      dependsOn: [SYS.accounting],
    });
    await inventory.create('operations', { name: OPS.supplies, levels: { 業務重要度: 1 } });
    expect(await inventory.names('operations')).toEqual([OPS.signup, OPS.payroll, OPS.supplies].sort());
  });

  it('refuses a dependency that would close a loop, naming it', async () => {
    const inventory = new InventoryPage(s.page);
    await inventory.openRegister('systems');
    await inventory.openItem(SYS.files);
    await inventory.drawer().getByRole('region', { name: '依存関係' }).waitFor();
    const deps = inventory.drawer().getByRole('region', { name: '依存関係' });
    await chooseOption(deps.getByRole('combobox', { name: '追加する依存先' }), SYS.crm, { search: SYS.crm });
    await deps.getByRole('button', { name: '追加', exact: true }).click();
    const error = inventory.dependencyError();
    await error.waitFor();
    expect(await error.textContent()).toContain(`${SYS.files} → ${SYS.crm} → ${SYS.files}`);
    await inventory.closeDrawer();
  });

  it('shows each priority and RTO with where it came from', async () => {
    const bia = new BiaPage(s.page);
    await bia.goto(s.server.url, '結果');
    expect(await bia.operations()).toEqual([
      {
        name: OPS.signup,
        importance: '3',
        dependency: '3 (使うシステムの最も高い値)',
        priority: 'S',
        rto: '3時間以内 (優先度の表どおり)',
      },
      {
        name: OPS.supplies,
        importance: '1',
        dependency: '1 (使うシステムの最も高い値)',
        priority: 'D',
        rto: '規定なし (優先度の表どおり)',
      },
      {
        name: OPS.payroll,
        importance: '1',
        dependency: '2 (使うシステムの最も高い値)',
        priority: 'C',
        rto: '3日以内 (優先度の表どおり)',
      },
    ]);
    const systems = await bia.nodes('システム');
    expect(systems.find((s) => s.name === SYS.files)).toEqual({
      name: SYS.files,
      priority: 'S',
      requiredRto: '3時間以内',
      declaredRto: '—',
      why: `「${OPS.signup}」が必要とするため${OPS.signup} → ${SYS.crm} → ${SYS.files}`,
    });
    expect(systems.find((s) => s.name === SYS.accounting)).toMatchObject({
      priority: 'C',
      requiredRto: '3日以内',
    });
    expect(await bia.nodes('構成要素')).toEqual([
      {
        name: NAS,
        priority: 'S',
        requiredRto: '3時間以内',
        declaredRto: '1日以内',
        why: `「${OPS.signup}」が必要とするため${OPS.signup} → ${SYS.crm} → ${SYS.files} → ${NAS}`,
      },
    ]);
    // The rows the inversion concerns: the operation that suffers and both ends of the late link.
    expect(await bia.markedRows()).toEqual([OPS.signup, SYS.files, NAS]);
    expect((await bia.nodes('取引先')).map((n) => [n.name, n.priority, n.requiredRto])).toEqual([
      [VENDOR, 'S', '3時間以内'],
    ]);
    await screenshot(s.page, 'bia-results');
    await expectAccessible(s.page, 'BIA results');
  });

  it('counts the operations in each matrix cell on the heat-map', async () => {
    const bia = new BiaPage(s.page);
    await bia.openTab('ヒートマップ');
    const top = bia.heatmapCell(3, 3);
    expect(await top.getAttribute('aria-label')).toBe('重要度 3・依存度 3：優先度 S、業務 1件');
    expect(await bia.heatmapCell(1, 2).getAttribute('aria-label')).toBe(
      '重要度 1・依存度 2：優先度 C、業務 1件',
    );
    expect(await bia.heatmapCell(2, 2).getAttribute('aria-label')).toBe(
      '重要度 2・依存度 2：優先度 B、業務 0件',
    );
    await top.click();
    await s.page.getByText('重要度 3 × 依存度 3 の業務').waitFor();
    await s.page.getByRole('main').getByRole('listitem').filter({ hasText: OPS.signup }).waitFor();
    await expectAccessible(s.page, 'BIA heat-map');
  });

  it('lists the RTO inversion with its chain, and the graph marks it', async () => {
    const bia = new BiaPage(s.page);
    expect(await bia.tab('逆転チェック').textContent()).toContain('逆転 1件');
    await bia.openTab('逆転チェック');
    expect(await bia.inversions()).toEqual([
      [
        `業務「${OPS.signup}」が目標復旧時間までに戻せません（「${SYS.files}」→「${NAS}」）`,
        `「${OPS.signup}」の目標復旧時間は3時間以内ですが、頼っている「${NAS}」の復旧見込み時間は1日以内です。`,
        `つながり: ${OPS.signup} → ${SYS.crm} → ${SYS.files} → ${NAS}`,
      ],
    ]);
    await screenshot(s.page, 'bia-inversions');
    await expectAccessible(s.page, 'BIA inversions');

    await bia.openTab('依存関係図');
    expect(await bia.graph().getAttribute('aria-label')).toContain('逆転 1本を赤い破線で示しています。');
    expect(await bia.graphMarks('inv')).toEqual({
      nodes: [NAS, SYS.files].sort(),
      edges: [`${SYS.files} → ${NAS}`],
    });
    await screenshot(s.page, 'bia-graph');
    await expectAccessible(s.page, 'BIA graph');
  });

  it('fixes the inversion by planning the NAS back within the 3 h it is needed in', async () => {
    const inventory = new InventoryPage(s.page);
    await new Shell(s.page).goTo('IT資産台帳');
    await inventory.waitUntilShown();
    await inventory.edit('components', NAS, { rto: { [DECLARED]: { within: 3, unit: '時間' } } });
    await s.page.getByText(`「${NAS}」を保存しました`).waitFor();
    await inventory.closeDrawer();

    const bia = new BiaPage(s.page);
    await bia.goto(s.server.url, '逆転チェック');
    await bia.noInversions().waitFor();
    expect(await bia.tab('逆転チェック').textContent()).toBe('逆転チェック');
    await bia.openTab('依存関係図');
    expect(await bia.graph().getAttribute('aria-label')).not.toContain('赤い破線');
    expect(await bia.graphMarks('inv')).toEqual({ nodes: [], edges: [] });
  });

  it('answers what stops when a supplier or a system fails', async () => {
    const bia = new BiaPage(s.page);
    await bia.openTab('障害の影響');
    await bia.pickFailure(VENDOR);
    const result = bia.impactResult();
    await result.waitFor();
    expect(await result.getByRole('heading').textContent()).toBe(
      `「${VENDOR}」が止まると2件の業務が止まります`,
    );
    expect(await result.getByText(/^最も高い優先度は/).textContent()).toBe(
      `最も高い優先度は S、最も短い目標復旧時間は3時間以内（${OPS.signup}）です。`,
    );
    expect(await bia.impactRows()).toEqual([
      { name: OPS.signup, priority: 'S', rto: '3時間以内' },
      { name: OPS.payroll, priority: 'C', rto: '3日以内' },
    ]);
    // The graph beside it highlights the supplier and everything above it.
    const hit = await bia.graphMarks('hit');
    expect(hit.nodes).toEqual(
      [VENDOR, NAS, SYS.files, SYS.crm, SYS.accounting, OPS.signup, OPS.payroll].sort(),
    );
    await screenshot(s.page, 'bia-impact');
    await expectAccessible(s.page, 'BIA failure impact');

    await bia.pickFailure(SYS.accounting);
    await s.page
      .getByRole('heading', { name: `「${SYS.accounting}」が止まると1件の業務が止まります` })
      .waitFor();
    expect(await bia.impactRows()).toEqual([{ name: OPS.payroll, priority: 'C', rto: '3日以内' }]);
  });

  it('saves a custom RTO table with its two states, refusing one out of order, and keeps it', async () => {
    const bia = new BiaPage(s.page);
    await bia.goto(s.server.url, '設定');
    // "Not set" for B while C keeps 3 days: a lower priority may not be faster than a higher one.
    await bia.rtoFor('B').set('規定なし');
    expect(await bia.rtoPreset().inputValue()).toBe('自分で決める');
    expect(await bia.saveSettings()).toBe(400);
    await bia
      .rtoFor('C')
      .group()
      .getByRole('alert')
      .filter({ hasText: '優先度 C が、より高い優先度 B より短い時間になっています。' })
      .waitFor();
    await s.page.getByRole('main').getByText('赤く表示したところを直してください。').waitFor();
    await expectAccessible(s.page, 'BIA settings with a refused RTO table');
    expect(await s.api.call('GET', '/bia/settings')).toMatchObject({ rtoPreset: 'example-2' });

    await bia.rtoFor('B').set({ within: 1, unit: '日' });
    await bia.rtoFor('S').set({ within: 1, unit: '時間' });
    await bia.rtoFor('D').set('リスク受容');
    expect(await bia.saveSettings()).toBe(200);
    await s.page.reload();
    await bia.waitForLoaded();
    expect(await bia.rtoPreset().inputValue()).toBe('自分で決める');
    expect(await bia.rtoTable()).toEqual({
      S: '1 時間 以内に戻す',
      A: '6 時間 以内に戻す',
      B: '1 日 以内に戻す',
      C: '3 日 以内に戻す',
      D: 'リスク受容',
    });

    await bia.openTab('結果');
    const ops = await bia.operations();
    expect(ops.find((o) => o.name === OPS.signup)?.rto).toBe('1時間以内 (優先度の表どおり)');
    expect(ops.find((o) => o.name === OPS.supplies)?.rto).toBe(
      'リスク受容（復旧を計画しない） (優先度の表どおり)',
    );
    // The file server is now needed within 1 h; the NAS is planned for 3 h: an inversion again.
    expect(await bia.tab('逆転チェック').textContent()).toContain('逆転 1件');
    await bia.openTab('逆転チェック');
    expect((await bia.inversions())[0]?.[1]).toBe(
      `「${OPS.signup}」の目標復旧時間は1時間以内ですが、頼っている「${NAS}」の復旧見込み時間は3時間以内です。`,
    );
  });

  it('tells the second of two people saving the settings at once, and loses neither change', async () => {
    const other = await signInAsOwner(s.browser, s.server.url);
    try {
      const mine = new BiaPage(s.page);
      const theirs = new BiaPage(other.page);
      await mine.goto(s.server.url, '設定');
      await theirs.goto(s.server.url, '設定');

      await mine.matrixCell(1, 2).selectOption('B');
      expect(await mine.saveSettings()).toBe(200);

      await theirs.rtoFor('A').set({ within: 4, unit: '時間' });
      expect(await theirs.saveSettings()).toBe(412);
      await theirs.conflictAlert().waitFor();
      await screenshot(other.page, 'bia-settings-conflict');
      await expectAccessible(other.page, 'BIA settings after a conflict');
      expect(await theirs.rtoFor('A').read()).toBe('4 時間 以内に戻す');

      await theirs.reloadAfterConflict();
      // Their own change is kept, the other person's is now shown too.
      expect(await theirs.rtoFor('A').read()).toBe('4 時間 以内に戻す');
      expect(await theirs.matrixCell(1, 2).inputValue()).toBe('B');
      expect(await theirs.saveSettings()).toBe(200);
    } finally {
      await other.context.close();
    }

    const bia = new BiaPage(s.page);
    await s.page.reload();
    await bia.waitForLoaded();
    expect(await bia.matrixCell(1, 2).inputValue()).toBe('B');
    expect(await bia.rtoFor('A').read()).toBe('4 時間 以内に戻す');
    await bia.openTab('結果');
    expect((await bia.operations()).find((o) => o.name === OPS.payroll)).toMatchObject({
      priority: 'B',
      rto: '1日以内 (優先度の表どおり)',
    });
  });

  it('refuses a matrix with an empty cell, naming the cell, and undoes back to the saved one', async () => {
    const bia = new BiaPage(s.page);
    await bia.goto(s.server.url, '設定');
    await bia.matrixCell(2, 2).selectOption('');
    expect(await bia.saveSettings()).toBe(400);
    const error = await fieldError(bia.matrixCell(2, 2));
    expect(error).toBe('空のマスがあります（重要度 2 × 依存度 2）。');
    await expectAccessible(s.page, 'BIA settings with an empty matrix cell');
    await s.page.getByRole('main').getByRole('button', { name: '保存した内容に戻す' }).click();
    expect(await bia.matrixCell(2, 2).inputValue()).toBe('B');
  });

  it('signs the BIA off with a note', async () => {
    const bia = new BiaPage(s.page);
    await bia.openTab('承認と差分');
    await s.page.getByText('まだ承認されていません。').waitFor();
    await s.page.getByRole('main').getByRole('textbox', { name: 'メモ（任意）' }).fill('2026年度版');
    await Promise.all([
      s.page.waitForResponse(
        (r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/bia/signoffs'),
      ),
      s.page.getByRole('main').getByRole('button', { name: 'この内容で承認する' }).click(),
    ]);
    await s.page.getByText(/^最後の承認：山田 花子（.+） — 2026年度版$/).waitFor();
    await s.page.getByText('承認した版から変わったところはありません。').waitFor();
    await expectAccessible(s.page, 'BIA sign-off');
  });

  it('previews a change to five levels with what moves, and applies it', async () => {
    const bia = new BiaPage(s.page);
    await bia.openTab('設定');
    await bia.chooseScale(5);
    const dialog = bia.scaleDialog();
    await dialog.waitFor();
    expect(await dialog.getByRole('heading').textContent()).toBe('3段階から5段階へ');
    // 3 → 5 maps levels 1, 2, 3 to 1, 3, 5 and uses the 5×5 preset: only the hand-set cell moves.
    await dialog.getByText('優先度が変わる業務：1件。レベルの数字が変わる業務・システム：5件。').waitFor();
    await dialog.getByText('S: 1 → 1 / A: 0 → 0 / B: 1 → 0 / C: 0 → 1 / D: 1 → 1').waitFor();
    expect(await tableRows(dialog.getByRole('table'))).toEqual([[OPS.payroll, 'B (1×2)', 'C (1×3)']]);
    await screenshot(s.page, 'bia-scale-preview');
    await expectAccessible(s.page, 'BIA scale change preview');

    await dialog.getByRole('button', { name: 'キャンセル' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await bia.scaleOption(3).isChecked()).toBe(true);

    await bia.chooseScale(5);
    await Promise.all([
      s.page.waitForResponse((r) => r.url().endsWith('/api/v1/bia/settings/scale')),
      bia.scaleDialog().getByRole('button', { name: '5段階に変更する' }).click(),
    ]);
    await s.page.getByText('5段階に変更しました').waitFor();
    await bia.scaleDialog().waitFor({ state: 'detached' });
    expect(await bia.scaleOption(5).isChecked()).toBe(true);
    expect(await bia.matrix()).toEqual([
      ['B', 'A', 'A', 'S', 'S'],
      ['C', 'B', 'A', 'A', 'S'],
      ['C', 'C', 'B', 'A', 'A'],
      ['D', 'C', 'C', 'B', 'A'],
      ['D', 'D', 'C', 'C', 'B'],
    ]);
    // The custom RTO table stays.
    expect((await bia.rtoTable()).A).toBe('4 時間 以内に戻す');

    await bia.openTab('結果');
    expect(await bia.operations()).toEqual([
      {
        name: OPS.signup,
        importance: '5',
        dependency: '5 (使うシステムの最も高い値)',
        priority: 'S',
        rto: '1時間以内 (優先度の表どおり)',
      },
      {
        name: OPS.supplies,
        importance: '1',
        dependency: '1 (使うシステムの最も高い値)',
        priority: 'D',
        rto: 'リスク受容（復旧を計画しない） (優先度の表どおり)',
      },
      {
        name: OPS.payroll,
        importance: '1',
        dependency: '3 (使うシステムの最も高い値)',
        priority: 'C',
        rto: '3日以内 (優先度の表どおり)',
      },
    ]);
  });

  it('shows what changed since the signed edition', async () => {
    const bia = new BiaPage(s.page);
    await bia.openTab('承認と差分');
    const diff = s.page.getByRole('main').getByRole('region', { name: '承認した版からの変更' });
    await diff.getByText(`業務「${OPS.payroll}」: B / 1日以内 → C / 3日以内`).waitFor();
    // The accounting system inherits payroll's priority and RTO, so it moved with it; nothing else did.
    const lines = await diff.getByText(/「.+」/).allTextContents();
    expect(lines.map((l) => l.replace(/\s+/g, ' ').trim())).toEqual([
      `変更業務「${OPS.payroll}」: B / 1日以内 → C / 3日以内`,
      `変更システム「${SYS.accounting}」: B / 1日以内 → C / 3日以内`,
    ]);
  });
});
