import type { Locator, Page } from 'playwright-core';
import { OWNER } from '../support/api.js';
import { Shell } from './shell.js';

/** The home page: the one thing to do next, the path with each step's state, the findings. */
export class HomePage {
  constructor(readonly page: Page) {}

  async goto(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/`);
    await new Shell(this.page).waitForHeading(OWNER.organizationName);
    await this.nextStep().waitFor();
  }

  /** 次にやること: the first step not done, or the most urgent finding once every step is done. */
  nextStep(): Locator {
    return this.page.getByRole('region', { name: '次にやること' });
  }

  /** The card asking the signed-in member to answer a safety request (only while one is open). */
  safetyPrompt(): Locator {
    return this.page.getByRole('region', { name: '安否を知らせてください' });
  }

  /** The path (事業継続の準備の進み具合), one list item per step. */
  path(): Locator {
    return this.page.getByRole('region', { name: '事業継続の準備の進み具合' });
  }

  /** A step of the path by its title, e.g. 'IT依存度の診断（松竹梅）'. */
  step(title: string): Locator {
    return this.path().getByRole('listitem').filter({ hasText: title });
  }

  /** A finding anywhere on the page (次にやること or 対応が必要なこと) by a piece of its text. */
  finding(text: string | RegExp): Locator {
    return this.page.getByRole('main').getByRole('listitem').filter({ hasText: text });
  }
}
