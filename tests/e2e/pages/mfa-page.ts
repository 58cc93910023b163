import type { Locator, Page } from 'playwright-core';

/** The second step of signing in: a code from the authenticator app, or a recovery code. */
export class MfaPage {
  constructor(readonly page: Page) {}

  async waitUntilShown(): Promise<void> {
    await this.page.getByRole('heading', { level: 1, name: '確認コードの入力' }).waitFor();
  }

  appCodeInput(): Locator {
    return this.page.getByRole('textbox', { name: '確認コード（6桁）' });
  }

  recoveryCodeInput(): Locator {
    return this.page.getByRole('textbox', { name: 'リカバリーコード' });
  }

  async enterAppCode(code: string): Promise<void> {
    await this.appCodeInput().fill(code);
    await this.page.getByRole('button', { name: '確認してログイン' }).click();
  }

  async chooseRecoveryCode(): Promise<void> {
    await this.page.getByRole('button', { name: 'リカバリーコードを使う' }).click();
    await this.recoveryCodeInput().waitFor();
  }

  async enterRecoveryCode(code: string): Promise<void> {
    await this.recoveryCodeInput().fill(code);
    await this.page.getByRole('button', { name: '確認してログイン' }).click();
  }

  /** Waits for the form's error (role=alert) to read `text`. */
  async waitForError(text: string | RegExp): Promise<void> {
    await this.page.getByRole('main').getByRole('alert').filter({ hasText: text }).waitFor();
  }
}
