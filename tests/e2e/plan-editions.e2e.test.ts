import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { BackupPlanPage } from './pages/backup-plan-page.js';
import { Shell } from './pages/shell.js';
import { expectAccessible } from './support/browser.js';
import { horizontalOverflow } from './support/layout.js';
import { useOwnerSession } from './support/session.js';

const SYSTEM = '会員管理システム';
const APPROVER = '代表取締役 岡田 誠';
/** The backup section's heading, whatever its number and exact title. */
const BACKUP_SECTION = /^\d+\. バックアップ/;

/** Each format of an edition: the menu item, the file name and the bytes it starts with. */
const FILES: [item: string, name: RegExp, magic: string][] = [
  ['PDF', /^it-bcp-ed1-\d{4}-\d{2}-\d{2}\.pdf$/, '%PDF-'],
  ['Word（DOCX）', /^it-bcp-ed1-\d{4}-\d{2}-\d{2}\.docx$/, 'PK'],
  ['オフライン用HTML', /^it-bcp-ed1-offline-\d{4}-\d{2}-\d{2}\.html$/, '<!DOCTYPE html>'],
  ['台帳（Excel）', /^it-bcp-ed1-registers-\d{4}-\d{2}-\d{2}\.xlsx$/, 'PK'],
];

describe('IT-BCP editions, on a 375 px phone', () => {
  const s = useOwnerSession({
    phone: true,
    arrange: async (owner) => {
      await owner.call('POST', '/inventory/systems', { name: SYSTEM, dependencyLevel: 3 });
    },
  });

  it('writes a backup plan, sees the 3-2-1 verdict, issues an edition, downloads each format and reads it offline', async () => {
    // The backup plan: three copies on two media, one offline elsewhere → 3-2-1 is met.
    const shell = new Shell(s.page);
    await shell.goTo('バックアップ計画');
    const plan = new BackupPlanPage(s.page);
    await plan.waitUntilShown();
    await plan.writePlanFor(SYSTEM);
    expect(await plan.verdict321()).toBe('3-2-1を満たさない');
    await plan.addCopy({ medium: 'NAS（ネットワーク上のディスク）' });
    await plan.addCopy({
      medium: '外付けディスク・USBメモリ',
      location: '別の拠点・自宅など',
      connection: 'オフライン（ふだんは切り離す）',
    });
    await plan.verdictPanel().getByTestId('verdict-321').getByText('満たしています').waitFor();
    await plan.save();
    await plan.waitUntilShown();
    expect(await plan.verdictOf(SYSTEM)).toBe('3-2-1は満たす・要確認');

    // The policy's approver, then the edition.
    await shell.goTo('IT-BCP');
    await shell.waitForHeading('IT-BCP（IT事業継続計画）');
    const editions = s.page.getByRole('region', { name: '発行した版' });
    await editions.getByText('まだ版を発行していません。').waitFor();
    const editor = s.page.getByRole('region', { name: '基本方針と適用範囲' });
    await editor.getByLabel('承認者').fill(APPROVER);
    await editor.getByRole('button', { name: '保存する' }).click();
    await editor.getByText('保存しました').waitFor();

    await editions.getByRole('button', { name: '版を発行する' }).click();
    const dialog = s.page.getByRole('dialog', { name: '第1版を発行します' });
    await dialog
      .getByText(
        `今の計画を第1版として発行します。承認者は「${APPROVER}」です。発行した版はあとから変えられません。`,
      )
      .waitFor();
    await expectAccessible(s.page, 'issue an edition (phone)');
    await dialog.getByLabel('メモ（任意）').fill('初めての発行');
    await dialog.getByRole('button', { name: '第1版を発行する' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await editions.getByText('初めての発行').waitFor();
    await editions.getByText(APPROVER).waitFor();
    expect(await horizontalOverflow(s.page)).toBe(0);
    await expectAccessible(s.page, 'IT-BCP editions (phone)');

    for (const [item, name, magic] of FILES) {
      await editions.getByRole('button', { name: '第1版をダウンロード' }).click();
      const [download] = await Promise.all([
        s.page.waitForEvent('download'),
        s.page.getByRole('menuitem', { name: item }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(name);
      const bytes = await readFile(await download.path());
      expect(bytes.subarray(0, magic.length).toString('latin1')).toBe(magic);
      if (item === 'Word（DOCX）') {
        const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')?.async('string');
        expect(xml?.includes(`承認：${APPROVER}`)).toBe(true);
        expect(xml?.includes('3-2-1ルール')).toBe(true);
      }
      if (item === '台帳（Excel）') {
        const zip = await JSZip.loadAsync(bytes);
        expect(zip.file('xl/workbook.xml')).not.toBeNull();
      }
      if (item === 'オフライン用HTML') {
        const html = bytes.toString('utf8');
        expect(html).toMatch(/第1版（\d{4}-\d{2}-\d{2}発行、承認：代表取締役 岡田 誠）/);
        expect(html.includes('3-2-1ルール')).toBe(true);
        expect(html.includes(SYSTEM)).toBe(true);
      }
    }

    // The installed app's service worker keeps the latest edition; with the network off it opens.
    await expect
      .poll(
        () =>
          s.page.evaluate(async () => {
            const kept = await (await caches.open('keizoku-plan-offline-v1')).match('/plan/offline?lang=ja');
            return kept?.headers.get('x-keizoku-edition') ?? null;
          }),
        { timeout: 15_000 },
      )
      .toBe('1');
    await s.context.setOffline(true);
    try {
      await s.page.goto(`${s.server.url}/plan/offline`);
      await s.page.getByRole('heading', { name: BACKUP_SECTION }).first().waitFor();
      expect(await s.page.locator('body').textContent()).toMatch(
        /第1版（\d{4}-\d{2}-\d{2}発行、承認：代表取締役 岡田 誠）/,
      );
      await expectAccessible(s.page, 'the latest edition offline (phone)');
    } finally {
      await s.context.setOffline(false);
    }
    // A long walk (backup plan, policy, edition, five files, offline) on a shared machine.
  }, 180_000);
});
