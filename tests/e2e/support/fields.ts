import type { Locator } from 'playwright-core';

/**
 * The error message of a form field, as assistive technology finds it: the element named by the
 * input's aria-describedby whose id ends in "-error" (Mantine's convention). Waits for it.
 */
export async function fieldError(input: Locator, timeout = 10_000): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
    const errorId = ids.find((id) => id.endsWith('-error'));
    if (errorId) {
      const el = input.page().locator(`[id="${errorId}"]`);
      if ((await el.count()) > 0) return ((await el.textContent()) ?? '').trim();
    }
    if (Date.now() > deadline) throw new Error('no error message is linked to the field');
    await input.page().waitForTimeout(100);
  }
}
