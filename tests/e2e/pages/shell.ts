import type { Locator, Page } from 'playwright-core';

/** The signed-in frame: header (language, user menu) and the main navigation. */
export class Shell {
  constructor(readonly page: Page) {}

  /** The page's own heading (h1) inside the main area. */
  heading(): Locator {
    return this.page.getByRole('main').getByRole('heading', { level: 1 });
  }

  async waitForHeading(name: string | RegExp): Promise<void> {
    await this.page.getByRole('main').getByRole('heading', { level: 1, name }).waitFor();
  }

  /** On a phone (below 768 px) the navigation sits behind the burger button; opens it then. */
  async openNavigation(): Promise<Locator> {
    const nav = this.page.getByRole('navigation', { name: /メインメニュー|Main menu/ });
    const narrow = (this.page.viewportSize()?.width ?? 1280) < 768;
    if (narrow) {
      const burger = this.page.getByRole('banner').getByRole('button', { name: /メニューを|menu$/i });
      if ((await burger.getAttribute('aria-expanded')) !== 'true') await burger.click();
      await this.page.locator('[aria-controls="app-navigation"][aria-expanded="true"]').waitFor();
    }
    await nav.waitFor();
    return nav;
  }

  async goTo(label: string | RegExp): Promise<void> {
    const nav = await this.openNavigation();
    await nav.getByRole('link', { name: label }).click();
  }

  private userMenu(): Locator {
    return this.page.getByRole('banner').getByRole('button', { name: /さんのメニュー|^Menu for / });
  }

  async openAccountSettings(): Promise<void> {
    await this.userMenu().click();
    await this.page.getByRole('menuitem', { name: /アカウント設定|Account settings/ }).click();
  }

  async logout(): Promise<void> {
    await this.userMenu().click();
    await this.page.getByRole('menuitem', { name: /ログアウト|Log out|Sign out/ }).click();
    await this.page.waitForURL(/\/login/);
  }

  /** The 日本語 / English switch in the header (in the navigation on a narrow phone). */
  async switchLanguage(to: '日本語' | 'English'): Promise<void> {
    let group = this.page.getByRole('banner').getByRole('radiogroup');
    if (!(await group.isVisible())) {
      await this.openNavigation();
      group = this.page.getByRole('navigation').getByRole('radiogroup');
    }
    await group.getByText(to, { exact: true }).click();
    await this.page.waitForFunction(
      (lang) => document.documentElement.lang === lang,
      to === 'English' ? 'en' : 'ja',
    );
  }

  htmlLang(): Promise<string | null> {
    return this.page.locator('html').getAttribute('lang');
  }
}
