import type { Locator, Page } from 'playwright-core';
import { chooseOption } from '../support/mantine.js';
import { type RtoChoice, RtoField } from './rto-field.js';

export type Register = 'operations' | 'systems' | 'components' | 'suppliers';

/** What the screen calls each register: its tab, its "add" button and its name field. */
const WORDS: Record<Register, { tab: string; add: string; name: string }> = {
  operations: { tab: '業務', add: '業務を追加', name: '業務名' },
  systems: { tab: 'システム', add: 'システムを追加', name: 'システム名' },
  components: { tab: '構成要素', add: '構成要素を追加', name: '構成要素名' },
  suppliers: { tab: '取引先・クラウド', add: '取引先を追加', name: '取引先名' },
};

/** A new item as a user fills in the drawer form. */
export interface NewItem {
  name: string;
  /** Level selects by label, e.g. { 業務重要度: 3 } or { システム依存度: 2 }. */
  levels?: Record<string, number>;
  /** Other selects by label, e.g. { レイヤー: '3 ハードウェア' }. */
  selects?: Record<string, string>;
  /** RTO fields by label, e.g. { '復旧見込み時間（計画・契約）': { within: 1, unit: '日' } }. */
  rto?: Record<string, RtoChoice>;
  /** Names of what it depends on, added one by one after it is created. */
  dependsOn?: string[];
}

/** IT資産台帳: four registers as tabs, each item edited in a drawer with its dependencies. */
export class InventoryPage {
  constructor(readonly page: Page) {}

  async goto(baseUrl: string, register: Register = 'operations'): Promise<void> {
    await this.page.goto(`${baseUrl}/inventory/${register}`);
    await this.waitUntilShown();
  }

  async waitUntilShown(): Promise<void> {
    await this.page.getByRole('main').getByRole('heading', { level: 1, name: 'IT資産台帳' }).waitFor();
  }

  async openRegister(register: Register): Promise<void> {
    const tab = this.page.getByRole('tab', { name: WORDS[register].tab, exact: true });
    await tab.click();
    await this.page.waitForURL(new RegExp(`/inventory/${register}$`));
  }

  /** The list of the open register (a region named after it). */
  list(register: Register): Locator {
    return this.page.getByRole('main').getByRole('region', { name: WORDS[register].tab, exact: true });
  }

  /** The drawer form (a dialog named "<register>を追加" or "<name> を編集"). */
  drawer(): Locator {
    return this.page.getByRole('dialog');
  }

  /** Opens the register, fills the drawer, creates the item and links its dependencies. */
  async create(register: Register, item: NewItem): Promise<void> {
    await this.openRegister(register);
    await this.page.getByRole('main').getByRole('button', { name: WORDS[register].add }).click();
    const form = this.page.getByRole('dialog', { name: WORDS[register].add });
    await form.waitFor();
    await form.getByRole('textbox', { name: WORDS[register].name }).fill(item.name);
    await this.fill(form, item);
    await Promise.all([
      this.page.waitForResponse(
        (r) => r.request().method() === 'POST' && r.url().endsWith(`/api/v1/inventory/${register}`),
      ),
      form.getByRole('button', { name: '登録する' }).click(),
    ]);
    // After creating, the drawer turns into the item's edit form with its dependencies.
    const edit = this.page.getByRole('dialog', { name: `${item.name} を編集` });
    await edit.waitFor();
    for (const target of item.dependsOn ?? []) await this.addDependency(target);
    await this.closeDrawer();
    await this.list(register).getByText(item.name, { exact: true }).waitFor();
  }

  private async fill(form: Locator, item: NewItem): Promise<void> {
    for (const [label, level] of Object.entries(item.levels ?? {}))
      await chooseOption(form.getByRole('combobox', { name: label, exact: true }), `レベル ${level}`);
    for (const [label, option] of Object.entries(item.selects ?? {}))
      await chooseOption(form.getByRole('combobox', { name: label, exact: true }), option);
    for (const [label, value] of Object.entries(item.rto ?? {}))
      await new RtoField(this.page, label, form).set(value);
  }

  /** In the open drawer: picks what the item depends on by name and adds the link. */
  async addDependency(name: string): Promise<void> {
    const deps = this.drawer().getByRole('region', { name: '依存関係' });
    await chooseOption(deps.getByRole('combobox', { name: '追加する依存先' }), name, { search: name });
    await Promise.all([
      this.page.waitForResponse(
        (r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/inventory/edges'),
      ),
      deps.getByRole('button', { name: '追加', exact: true }).click(),
    ]);
    await deps.getByRole('button', { name: `${name} への依存を外す` }).waitFor();
  }

  /** The error shown in the drawer's dependency section (e.g. a refused loop). */
  dependencyError(): Locator {
    return this.drawer().getByRole('region', { name: '依存関係' }).getByRole('alert');
  }

  /**
   * Closes the drawer with Escape. (Its close button sits under the top-right notices "…を登録しました"
   * for their 4 s, so a click there waits them out.)
   */
  async closeDrawer(): Promise<void> {
    await this.drawer().waitFor();
    await this.page.keyboard.press('Escape');
    await this.drawer().waitFor({ state: 'detached' });
  }

  /** Opens an item's drawer from the list of the open register. */
  async openItem(name: string): Promise<Locator> {
    await this.page.getByRole('button', { name: `${name} を編集` }).click();
    const form = this.page.getByRole('dialog', { name: `${name} を編集` });
    await form.waitFor();
    return form;
  }

  /** Changes fields of an item in the open register and saves. */
  async edit(register: Register, name: string, changes: Omit<NewItem, 'name' | 'dependsOn'>): Promise<void> {
    await this.openRegister(register);
    const form = await this.openItem(name);
    await this.fill(form, { name, ...changes });
    await Promise.all([
      this.page.waitForResponse(
        (r) => r.request().method() === 'PATCH' && r.url().includes(`/api/v1/inventory/${register}/`),
      ),
      form.getByRole('button', { name: '保存', exact: true }).click(),
    ]);
  }

  async openImport(): Promise<void> {
    await this.page.getByRole('main').getByRole('link', { name: 'Excelから取り込む' }).click();
  }

  /** Names in the open register's list, in order (read from each row's "<name> を編集" button). */
  async names(register: Register): Promise<string[]> {
    const list = this.list(register);
    await list
      .getByRole('status')
      .filter({ hasText: /件を表示/ })
      .waitFor();
    const labels = await list
      .getByRole('button', { name: / を編集$/ })
      .evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
    return labels.map((l) => l.replace(/ を編集$/, ''));
  }
}
