import type { Locator, Page } from 'playwright-core';
import { chooseOption, tableRecords } from '../support/mantine.js';

/** 被害額の試算: the organization's estimates, and the two seed cases to start from. */
export class DamagePage {
  constructor(readonly page: Page) {}

  async waitUntilShown(): Promise<void> {
    await this.page.getByRole('main').getByRole('heading', { level: 1, name: '被害額の試算' }).waitFor();
  }

  cases(): Locator {
    return this.page.getByRole('main').getByRole('region', { name: '中小企業の被害事例' });
  }

  /** "試算を作る" → one of the cases (or "白紙から作る"); returns the drawer form. */
  async startFrom(item: string): Promise<Locator> {
    await this.page.getByRole('main').getByRole('button', { name: '試算を作る', exact: true }).click();
    await this.page.getByRole('menuitem', { name: item }).click();
    const form = this.form('新しい試算');
    await form.waitFor();
    return form;
  }

  /** A case card's own button, "この事例から試算を作る"; returns the drawer form. */
  async startFromCase(title: string): Promise<Locator> {
    const card = this.cases().locator('.mantine-Card-root', { hasText: title });
    const button = card.getByRole('button', { name: 'この事例から試算を作る' });
    // The button is described by the case's title, so a screen reader says which case it starts.
    const describedBy = await button.getAttribute('aria-describedby');
    if (!describedBy || (await this.page.locator(`[id="${describedBy}"]`).textContent()) !== title)
      throw new Error(`the button of case ${title} is not described by its title`);
    await button.click();
    const form = this.form('新しい試算');
    await form.waitFor();
    return form;
  }

  form(title: string): Locator {
    return this.page.getByRole('dialog', { name: title });
  }

  /** A field (name, sales or a category) by its label; a yen amount as typed or stored ("1,000,000,000"). */
  amount(form: Locator, label: string): Locator {
    return form.getByRole('textbox', { name: label, exact: true });
  }

  async setAmount(form: Locator, label: string, yen: number): Promise<void> {
    await this.amount(form, label).fill(String(yen));
  }

  async linkTo(form: Locator, name: string): Promise<void> {
    await chooseOption(form.getByRole('combobox', { name: '関係する業務・システム' }), name, {
      search: name,
    });
  }

  /**
   * The live total under the categories (a status line), with the exact figure that hover and
   * screen readers get: ["合計 1,040万円（10,400,000円）", "年間売上の 1.0%"].
   */
  async total(form: Locator): Promise<string[]> {
    const status = form.getByRole('status').filter({ hasText: /^合計 / });
    return [
      ((await status.getByText(/^合計 /).textContent()) ?? '').trim(),
      ((await status.getByText(/^年間売上/).textContent()) ?? '').trim(),
    ];
  }

  async save(form: Locator): Promise<void> {
    await Promise.all([
      this.page.waitForResponse(
        (r) =>
          ['POST', 'PATCH'].includes(r.request().method()) && r.url().includes('/api/v1/damage/estimates'),
      ),
      form.getByRole('button', { name: '保存', exact: true }).click(),
    ]);
    await form.waitFor({ state: 'detached' });
  }

  /** The organization's estimates: name, total, share of sales, linked operation or system. */
  async estimates(): Promise<Record<'name' | 'total' | 'share' | 'link', string>[]> {
    const list = this.page.getByRole('main').getByRole('region', { name: 'この組織の試算' });
    return tableRecords(list.getByRole('table'), ['name', 'total', 'share', 'link']);
  }

  async open(name: string): Promise<Locator> {
    await this.page
      .getByRole('main')
      .getByRole('button', { name: `${name} を開く` })
      .click();
    const form = this.form(name);
    await form.waitFor();
    return form;
  }
}
