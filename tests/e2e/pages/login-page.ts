import type { Locator, Page } from 'playwright-core';

/** Sign in with e-mail address and password. */
export class LoginPage {
  constructor(readonly page: Page) {}

  async goto(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/login`);
    await this.waitUntilShown();
  }

  async waitUntilShown(): Promise<void> {
    await this.page.getByRole('heading', { level: 1, name: /ログイン|Log in|Sign in/ }).waitFor();
  }

  email(): Locator {
    return this.page.getByRole('textbox', { name: /メールアドレス|Email/ });
  }
  password(): Locator {
    return this.page.getByLabel(/パスワード|Password/).and(this.page.locator('input'));
  }

  /** Types the address and password and presses the button; returns the server's HTTP status. */
  async login(email: string, password: string): Promise<number> {
    await this.email().fill(email);
    await this.password().fill(password);
    const [response] = await Promise.all([
      this.page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')),
      this.page
        .getByRole('main')
        .getByRole('button', { name: /ログイン|Log in|Sign in/ })
        .click(),
    ]);
    return response.status();
  }

  /** The error shown for the whole form (role=alert), once it appears. */
  async errorMessage(): Promise<string> {
    const alert = this.page.getByRole('main').getByRole('alert');
    await alert.waitFor();
    return (await alert.textContent()) ?? '';
  }

  /** Waits until the form's error reads `text` (a new attempt replaces the previous message). */
  async waitForError(text: string | RegExp): Promise<void> {
    await this.page.getByRole('main').getByRole('alert').filter({ hasText: text }).waitFor();
  }
}
