import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterEach } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Debian's Chromium, headless, with the flags this closed network needs. Playwright gives each
 * launch a new empty profile of its own.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function newContext(
  browser: Browser,
  opts: { phone?: boolean; locale?: string } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: opts.phone ? { width: 375, height: 740 } : { width: 1280, height: 860 },
    locale: opts.locale ?? 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    acceptDownloads: true,
  });
  // Fail fast: the app answers in well under a second on a loopback server.
  context.setDefaultTimeout(10_000);
  return context;
}

/**
 * Fails the test on any serious or critical accessibility violation on the current page.
 * `exclude` leaves out elements (CSS selectors) with a known, reported problem; say which and why
 * where it is used, and drop it once the problem is fixed.
 */
export async function expectAccessible(
  page: Page,
  label: string,
  opts: { exclude?: string[] } = {},
): Promise<void> {
  await settleAnimations(page);
  // WCAG 2.2 AA's target size (2.5.8: 24 × 24 px, or enough space around) is off in axe by default.
  const builder = new AxeBuilder({ page }).options({ rules: { 'target-size': { enabled: true } } });
  for (const selector of opts.exclude ?? []) builder.exclude(selector);
  const result = await builder.analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length) {
    const lines = bad.map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n${v.nodes
          .map((n) => `  - ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`)
          .join('\n')}`,
    );
    throw new Error(`Accessibility violations on ${label}:\n${lines.join('\n')}`);
  }
}

/**
 * Waits for finite CSS transitions and animations (a notice fading in, a drawer sliding) to end:
 * axe reads colours as drawn, and text half faded in fails the contrast check on a busy machine.
 */
async function settleAnimations(page: Page): Promise<void> {
  await page.evaluate(() => {
    const ending = document
      .getAnimations()
      .filter((a) => a.effect?.getComputedTiming().iterations !== Number.POSITIVE_INFINITY)
      .map((a) => a.finished.catch(() => undefined));
    // A paused animation never ends: do not wait for it longer than a few seconds.
    return Promise.race([Promise.all(ending), new Promise((done) => setTimeout(done, 3000))]);
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = path.resolve('test-results/screenshots');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/**
 * Registers a hook that saves a screenshot of the page when a test fails
 * (test-results/screenshots/FAILED-<test name>.png), to see what the browser showed.
 */
export function screenshotOnFailure(getPage: () => Page | undefined): void {
  afterEach(async (context) => {
    const failed = context.task.result?.state === 'fail' || (context.task.result?.errors?.length ?? 0) > 0;
    const page = getPage();
    if (!failed || !page || page.isClosed()) return;
    const name = context.task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80);
    await screenshot(page, `FAILED-${name}`).catch(() => undefined);
  });
}
