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
  const analyze = async () => {
    await settleAnimations(page);
    // WCAG 2.2 AA's target size (2.5.8: 24 × 24 px, or enough space around) is off in axe by default.
    const builder = new AxeBuilder({ page }).options({ rules: { 'target-size': { enabled: true } } });
    for (const selector of opts.exclude ?? []) builder.exclude(selector);
    const result = await builder.analyze();
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  };
  let bad = await analyze();
  // A toast that starts to close on its own while axe reads it is measured half faded. When only
  // toasts fail, let them close and check the page again; a toast that stays fails as before.
  if (bad.length && (await onlyInToasts(page, bad))) {
    await page
      .locator(TOAST)
      .first()
      .waitFor({ state: 'detached', timeout: 10_000 })
      .catch(() => undefined);
    bad = await analyze();
  }
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

/** Mantine's toast (a notification shown at the top of the page). */
const TOAST = '.mantine-Notification-root';

async function onlyInToasts(page: Page, violations: { nodes: { target: unknown[] }[] }[]): Promise<boolean> {
  const selectors = violations.flatMap((v) => v.nodes.map((n) => String(n.target[n.target.length - 1])));
  return page.evaluate(
    ({ selectors, toast }) =>
      selectors.every((sel) => {
        const el = document.querySelector(sel);
        return el !== null && el.closest(toast) !== null;
      }),
    { selectors, toast: TOAST },
  );
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
