import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectAccessible, screenshot } from './browser.js';

/** How far the page is wider than the viewport (0 when nothing scrolls sideways). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * The checks every page shown on a 375 px phone gets: nothing scrolls sideways, a screenshot
 * named `name`, and axe (`name` also labels its failures).
 */
export async function expectFitsPhone(page: Page, name: string): Promise<void> {
  expect(await horizontalOverflow(page)).toBe(0);
  await screenshot(page, name);
  await expectAccessible(page, name);
}

/**
 * Column headers and names (`th`, `.keep-words`) in the main area whose text wraps inside a word
 * (業務重/要度, 守屋/拓也): two neighbouring characters on different lines, neither a space nor
 * punctuation. Each character is measured with a Range; a new element or text node starts afresh
 * (a <br> is a deliberate break). Returns the texts that break so.
 */
export function wordsBrokenInside(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const boundary = /[\s、。・，．,.:：;/／＼\\（）()「」[\]→～〜-]/;
    const broken: string[] = [];
    for (const el of document.querySelectorAll('main th, main .keep-words')) {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      let found = false;
      for (let node = walker.nextNode(); node && !found; node = walker.nextNode()) {
        const parent = node.parentElement;
        // Visually hidden labels (1 px boxes) are for screen readers and wrap as they like.
        if (!parent || parent.getBoundingClientRect().width <= 2) continue;
        const text = node.textContent ?? '';
        let prev: { ch: string; top: number } | null = null;
        for (let i = 0; i < text.length && !found; i++) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getClientRects()[0];
          const ch = text[i] ?? '';
          if (!rect || rect.width === 0) continue;
          if (prev && rect.top > prev.top + 2 && !boundary.test(prev.ch) && !boundary.test(ch)) found = true;
          prev = { ch, top: rect.top };
        }
      }
      if (found) broken.push((el.textContent ?? '').trim());
    }
    return broken;
  });
}
