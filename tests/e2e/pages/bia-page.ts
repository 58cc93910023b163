import type { Locator, Page } from 'playwright-core';
import { chooseOption, tableRecords } from '../support/mantine.js';
import { RtoField } from './rto-field.js';

export type BiaTab =
  | '結果'
  | '逆転チェック'
  | 'ヒートマップ'
  | '依存関係図'
  | '障害の影響'
  | '設定'
  | '承認と差分';
const TAB_PATHS: Record<BiaTab, string> = {
  結果: 'results',
  逆転チェック: 'inversions',
  ヒートマップ: 'heatmap',
  依存関係図: 'graph',
  障害の影響: 'impact',
  設定: 'settings',
  承認と差分: 'signoff',
};

export type OperationRow = Record<'name' | 'importance' | 'dependency' | 'priority' | 'rto', string>;
export type NodeRow = Record<'name' | 'priority' | 'requiredRto' | 'declaredRto' | 'why', string>;

/** The badge after a results row's name when an RTO inversion concerns it. */
const INVERSION_MARK = '逆転あり';
const unmarked = (name: string) => name.replace(INVERSION_MARK, '').trim();

/** 業務影響分析（BIA）: one address per tab (/bia/results, /bia/inversions …). */
export class BiaPage {
  constructor(readonly page: Page) {}

  async goto(baseUrl: string, tab: BiaTab = '結果'): Promise<void> {
    await this.page.goto(`${baseUrl}/bia/${TAB_PATHS[tab]}`);
    await this.waitUntilShown();
  }

  async waitUntilShown(): Promise<void> {
    await this.page
      .getByRole('main')
      .getByRole('heading', { level: 1, name: '業務影響分析（BIA）' })
      .waitFor();
  }

  tab(name: BiaTab): Locator {
    return this.page.getByRole('tab', { name: new RegExp(`^${name}`) });
  }

  /** Opens a tab and waits until its own content is drawn and loaded (not the previous tab's). */
  async openTab(name: BiaTab): Promise<void> {
    await this.tab(name).click();
    await this.page.waitForURL(new RegExp(`/bia/${TAB_PATHS[name]}$`));
    await this.page.getByRole('tab', { name: new RegExp(`^${name}`), selected: true }).waitFor();
    await this.waitForLoaded();
  }

  /** Waits until no loader ("読み込み中…", role=status) is left in the main area. */
  async waitForLoaded(): Promise<void> {
    await this.page.waitForFunction(
      () =>
        ![...document.querySelectorAll('main [role="status"]')].some((el) =>
          (el.textContent ?? '').includes('読み込み中…'),
        ),
    );
  }

  // --- 結果 ---

  async operations(): Promise<OperationRow[]> {
    const section = this.page.getByRole('region', { name: '業務ごとの優先度と目標復旧時間' });
    const rows = await tableRecords(section.getByRole('table'), [
      'name',
      'priority',
      'rto',
      'importance',
      'dependency',
    ]);
    return rows.map((r) => ({ ...r, name: unmarked(r.name) }));
  }

  /** The names of the results' rows marked 逆転あり (an RTO inversion concerns them), in order. */
  async markedRows(): Promise<string[]> {
    const marks = this.page.getByRole('main').getByRole('row').filter({ hasText: INVERSION_MARK });
    const out: string[] = [];
    for (let i = 0; i < (await marks.count()); i++)
      out.push(unmarked((await marks.nth(i).getByRole('cell').first().textContent()) ?? ''));
    return out;
  }

  /** The systems, components or suppliers table ("システム（引き継いだ優先度）" …). */
  async nodes(kind: 'システム' | '構成要素' | '取引先'): Promise<NodeRow[]> {
    const section = this.page.getByRole('region', { name: `${kind}（引き継いだ優先度）` });
    const rows = await tableRecords(section.getByRole('table'), [
      'name',
      'priority',
      'requiredRto',
      'declaredRto',
      'why',
    ]);
    return rows.map((r) => ({ ...r, name: unmarked(r.name) }));
  }

  // --- 逆転チェック ---

  /**
   * Each inversion as the list shows it: its heading line (the operation that suffers), what it
   * needs against what is promised, and the chain.
   */
  async inversions(): Promise<string[][]> {
    const list = this.page.getByRole('main').getByRole('list').first();
    await list.or(this.noInversions()).waitFor();
    const items = list.locator(':scope > li');
    const out: string[][] = [];
    for (let i = 0; i < (await items.count()); i++) {
      const lines = await items.nth(i).getByRole('paragraph').allTextContents();
      out.push(lines.slice(0, 3).map((s) => s.replace(/\s+/g, ' ').trim()));
    }
    return out;
  }

  noInversions(): Locator {
    return this.page.getByRole('main').getByText('逆転は見つかりませんでした。');
  }

  // --- ヒートマップ ---

  heatmapCell(importance: number, dependency: number): Locator {
    return this.page
      .getByRole('main')
      .getByRole('button', { name: new RegExp(`^重要度 ${importance}・依存度 ${dependency}：`) });
  }

  // --- 依存関係図 ---

  graph(): Locator {
    return this.page.getByRole('main').getByRole('img', { name: /依存関係図/ });
  }

  /**
   * What the drawn graph marks, read from the Cytoscape instance behind the canvas: the names of
   * the nodes and the "from → to" names of the edges carrying a class (inv = inversion, hit =
   * failure impact). The canvas has no DOM of its own to query.
   */
  async graphMarks(cls: 'inv' | 'hit'): Promise<{ nodes: string[]; edges: string[] }> {
    await this.graph().waitFor();
    return this.graph().evaluate((el, c) => {
      type El = { data(key: string): string; source(): El; target(): El };
      type Cy = { nodes(sel: string): El[]; edges(sel: string): El[] };
      const cy = (el as unknown as { _cyreg?: { cy?: Cy } })._cyreg?.cy;
      if (!cy) throw new Error('no graph is drawn in this element');
      const name = (n: El) => n.data('label').replace(/ \[[SABCD]\]$/, '');
      return {
        nodes: cy.nodes(`.${c}`).map(name).sort(),
        edges: cy
          .edges(`.${c}`)
          .map((e) => `${name(e.source())} → ${name(e.target())}`)
          .sort(),
      };
    }, cls);
  }

  // --- 障害の影響 ---

  async pickFailure(name: string): Promise<void> {
    const select = this.page.getByRole('main').getByRole('combobox', { name: '止まるもの' });
    await Promise.all([
      this.page.waitForResponse((r) => r.url().includes('/api/v1/bia/impact?')),
      chooseOption(select, name, { search: name }),
    ]);
  }

  impactResult(): Locator {
    return this.page.getByRole('main').getByRole('region', { name: /が止まると/ });
  }

  async impactRows(): Promise<{ name: string; priority: string; rto: string }[]> {
    return tableRecords(this.impactResult().getByRole('table'), ['name', 'priority', 'rto']);
  }

  // --- 設定 ---

  settingsSection(name: 'レベルの段階数' | '優先度マトリクス' | RegExp): Locator {
    return this.page.getByRole('main').getByRole('region', { name });
  }

  scaleOption(levels: 3 | 5): Locator {
    return this.settingsSection('レベルの段階数').getByRole('radio', { name: `${levels}段階` });
  }

  /** Clicks "3段階" or "5段階" (the label; the radio input itself is visually hidden). */
  async chooseScale(levels: 3 | 5): Promise<void> {
    await Promise.all([
      this.page.waitForResponse((r) => r.url().endsWith('/api/v1/bia/settings/scale')),
      this.settingsSection('レベルの段階数').getByText(`${levels}段階`, { exact: true }).click(),
    ]);
  }

  matrixCell(importance: number, dependency: number): Locator {
    return this.settingsSection('優先度マトリクス').getByRole('combobox', {
      name: `重要度 ${importance}・依存度 ${dependency} の優先度`,
    });
  }

  /** Every matrix cell as chosen, highest dependency first (the table's order). */
  async matrix(): Promise<string[][]> {
    const rows = this.settingsSection('優先度マトリクス').getByRole('table').getByRole('row');
    const out: string[][] = [];
    for (let i = 0; i < (await rows.count()); i++) {
      const cells = rows.nth(i).getByRole('combobox');
      if ((await cells.count()) === 0) continue;
      out.push(await cells.evaluateAll((els) => els.map((el) => (el as HTMLSelectElement).value)));
    }
    return out;
  }

  async useMatrixPreset(name: string): Promise<void> {
    await this.settingsSection('優先度マトリクス')
      .getByRole('button', { name: `「${name}」にする` })
      .click();
  }

  rtoSection(): Locator {
    return this.settingsSection(/^目標復旧時間（優先度ごとの表）/);
  }

  rtoPreset(): Locator {
    return this.rtoSection().getByRole('combobox', { name: 'ひな形' });
  }

  async chooseRtoPreset(name: string): Promise<void> {
    await chooseOption(this.rtoPreset(), name);
  }

  rtoFor(priority: 'S' | 'A' | 'B' | 'C' | 'D'): RtoField {
    return new RtoField(this.page, `優先度 ${priority}`, this.rtoSection());
  }

  async rtoTable(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const p of ['S', 'A', 'B', 'C', 'D'] as const) out[p] = await this.rtoFor(p).read();
    return out;
  }

  /** Presses "設定を保存"; returns the HTTP status of the save. */
  async saveSettings(): Promise<number> {
    const [response] = await Promise.all([
      this.page.waitForResponse(
        (r) => r.request().method() === 'PATCH' && r.url().endsWith('/api/v1/bia/settings'),
      ),
      this.page.getByRole('main').getByRole('button', { name: '設定を保存' }).click(),
    ]);
    return response.status();
  }

  conflictAlert(): Locator {
    return this.page
      .getByRole('main')
      .getByRole('alert')
      .filter({ hasText: 'ほかの人がこの設定を保存しました' });
  }

  async reloadAfterConflict(): Promise<void> {
    await Promise.all([
      this.page.waitForResponse(
        (r) => r.request().method() === 'GET' && r.url().endsWith('/api/v1/bia/settings'),
      ),
      this.conflictAlert().getByRole('button').click(),
    ]);
    await this.conflictAlert().waitFor({ state: 'detached' });
  }

  scaleDialog(): Locator {
    return this.page.getByRole('dialog', { name: /段階から.*段階へ/ });
  }
}
