import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { Shell } from './pages/shell.js';
import { expectAccessible } from './support/browser.js';
import { horizontalOverflow } from './support/layout.js';
import { useOwnerSession } from './support/session.js';

/** What each download must start with (PDF header, ZIP for DOCX and XLSX, an HTML document). */
const FILES: [button: string, name: RegExp, magic: string][] = [
  ['PDF', /^it-bcp-\d{4}-\d{2}-\d{2}\.pdf$/, '%PDF-'],
  ['Word（DOCX）', /^it-bcp-\d{4}-\d{2}-\d{2}\.docx$/, 'PK'],
  ['オフライン用HTML', /^it-bcp-offline-\d{4}-\d{2}-\d{2}\.html$/, '<!DOCTYPE html>'],
  ['台帳（Excel）', /^it-bcp-registers-\d{4}-\d{2}-\d{2}\.xlsx$/, 'PK'],
];

describe('the IT-BCP page on a 375 px phone', () => {
  const s = useOwnerSession({
    phone: true,
    arrange: async (owner) => {
      await owner.call('POST', '/inventory/operations', { name: '入館受付', importance: 3 });
    },
  });

  it('shows where each section stands, edits the policy, and downloads every format', async () => {
    await new Shell(s.page).goTo('IT-BCP');
    await new Shell(s.page).waitForHeading('IT-BCP（IT事業継続計画）');
    const status = s.page.getByRole('region', { name: '章ごとの進み具合' });
    await status.getByRole('link', { name: '4. 業務影響分析（BIA）' }).waitFor();
    expect(await status.getByText('未作成').count()).toBeGreaterThanOrEqual(1);
    await s.page.getByRole('region', { name: '計画書のプレビュー' }).getByText('入館受付').first().waitFor();
    expect(await horizontalOverflow(s.page)).toBe(0);
    await expectAccessible(s.page, 'IT-BCP page (phone)');

    const editor = s.page.getByRole('region', { name: '基本方針と適用範囲' });
    await editor.getByLabel('承認者').fill('');
    await editor.getByRole('button', { name: '保存する' }).click();
    await expect.poll(() => editor.getByLabel('承認者').getAttribute('aria-invalid')).toBe('true');
    await editor.getByLabel('承認者').fill('岡田 誠');
    await editor.getByRole('button', { name: '保存する' }).click();
    await editor.getByText('保存しました').waitFor();
    const policy = await s.api.call<{ approver: string; version: number }>('GET', '/plan/policy');
    expect(policy).toMatchObject({ approver: '岡田 誠', version: 1 });

    for (const [button, name, magic] of FILES) {
      const [download] = await Promise.all([
        s.page.waitForEvent('download'),
        s.page.getByRole('link', { name: button }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(name);
      const path = await download.path();
      const bytes = await readFile(path);
      expect(bytes.length).toBeGreaterThan(1000);
      expect(bytes.subarray(0, magic.length).toString('latin1')).toBe(magic);
    }
  });
});
