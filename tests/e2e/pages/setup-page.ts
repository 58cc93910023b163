import type { Locator, Page } from 'playwright-core';
import type { Owner } from '../support/api.js';
import { fieldError } from '../support/fields.js';

/** First start: create the organization and its owner (or open the demo company). */
export class SetupPage {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'はじめに' });
  }

  async waitUntilShown(): Promise<void> {
    await this.heading().waitFor();
  }

  organizationName(): Locator {
    return this.page.getByRole('textbox', { name: '会社・組織の名前' });
  }
  displayName(): Locator {
    return this.page.getByRole('textbox', { name: 'お名前' });
  }
  email(): Locator {
    return this.page.getByRole('textbox', { name: 'メールアドレス' });
  }
  password(): Locator {
    return this.page.getByLabel('パスワード', { exact: false }).and(this.page.locator('input'));
  }

  async fillOrganization(owner: Owner): Promise<void> {
    await this.organizationName().fill(owner.organizationName);
    await this.displayName().fill(owner.displayName);
    await this.email().fill(owner.email);
    await this.password().fill(owner.password);
  }

  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: '組織を作って始める' }).click();
  }

  async createOrganization(owner: Owner): Promise<void> {
    await this.fillOrganization(owner);
    await this.submit();
  }

  /** The message shown under the password field (linked to it by aria-describedby). */
  passwordError(): Promise<string> {
    return fieldError(this.password());
  }
}
