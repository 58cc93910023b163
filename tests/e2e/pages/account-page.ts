import type { Locator, Page } from 'playwright-core';

/** The user's own settings; here: turning on two-step sign-in (TOTP). */
export class AccountPage {
  constructor(readonly page: Page) {}

  async goto(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/account`);
    await this.waitUntilShown();
  }

  async waitUntilShown(): Promise<void> {
    await this.page.getByRole('heading', { level: 1, name: 'アカウント設定' }).waitFor();
  }

  mfaSection(): Locator {
    return this.page.getByRole('region', { name: '2段階認証' });
  }

  /** Starts enrolment and returns the secret shown for typing into an app by hand. */
  async startMfaEnrolment(): Promise<string> {
    await this.mfaSection().getByRole('button', { name: '2段階認証を設定する' }).click();
    await this.mfaSection().getByRole('img', { name: '認証アプリで読み取る QR コード' }).waitFor();
    const secret = await this.mfaSection().locator('pre, code').first().textContent();
    return (secret ?? '').replace(/\s+/g, '');
  }

  codeInput(): Locator {
    return this.mfaSection().getByRole('textbox', { name: '確認コード（6桁）' });
  }

  async confirmMfaCode(code: string): Promise<void> {
    await this.codeInput().fill(code);
    await this.mfaSection().getByRole('button', { name: '確認して設定を完了する' }).click();
  }

  /** The recovery codes shown once after enrolment. */
  async recoveryCodes(): Promise<string[]> {
    const list = this.mfaSection().getByRole('list', { name: /リカバリーコード/ });
    await list.waitFor();
    const items = await list.getByRole('listitem').allTextContents();
    return items.map((s) => s.trim()).filter(Boolean);
  }

  async confirmCodesSaved(): Promise<void> {
    await this.mfaSection().getByRole('button', { name: '保管しました' }).click();
  }

  mfaStatus(): Locator {
    return this.mfaSection().getByText(/^(設定済み|未設定)$/);
  }
}
