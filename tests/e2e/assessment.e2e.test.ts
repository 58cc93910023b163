import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AssessmentPage } from './pages/assessment-page.js';
import { Shell } from './pages/shell.js';
import { OWNER } from './support/api.js';
import { expectAccessible, screenshot } from './support/browser.js';
import { expectFitsPhone } from './support/layout.js';
import { chooseOption, tableRows } from './support/mantine.js';
import { signInAsOwner, useOwnerSession, withPhone } from './support/session.js';

const TITLE = '5か条の自己評価 2026';
const UPDATES = 'OSやソフトウェアを常に最新にする';
const ANTIVIRUS = 'ウイルス対策ソフトを入れる';

describe('security self-assessment in the browser', () => {
  const s = useOwnerSession();

  it('starts an assessment, fills items that save themselves, and shows the action plan', async () => {
    await new Shell(s.page).goTo('セキュリティ自己評価');
    const assessment = new AssessmentPage(s.page);
    await assessment.waitUntilShown();
    await expectAccessible(s.page, 'assessment list (empty)');
    await assessment.start(TITLE, /情報セキュリティ5か条/);

    const updates = assessment.item(UPDATES);
    await assessment.rateImpact(updates, '機密性（漏えい）', '極めて重大');
    await updates.getByRole('textbox', { name: '機密性（漏えい）の理由' }).fill('古いOSから会員情報が漏れる');
    await assessment.saved(updates);
    await assessment.decideWillDo(updates, '2999-03-31');
    await assessment.decideDone(assessment.item(ANTIVIRUS));
    await screenshot(s.page, 'assessment-sheet');
    await expectAccessible(s.page, 'assessment sheet');

    // Saved on the server: a reload shows the answers.
    await s.page.reload();
    await expect
      .poll(() => assessment.item(ANTIVIRUS).getByRole('radio', { name: '実施済み' }).isChecked())
      .toBe(true);

    await assessment.openTab('対策計画');
    await s.page
      .getByRole('main')
      .getByRole('heading', { level: 1, name: `対策計画：${TITLE}` })
      .waitFor();
    const rows = await assessment.actions();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.join(' ')).toContain(UPDATES);
    await s.page
      .getByRole('main')
      .getByRole('img', { name: /残っている対策は1件から1件/ })
      .waitFor();
    // The owner may be a member who logs in (or a person of the directory).
    await assessment.chooseOwner(UPDATES, OWNER.displayName);
    await expect
      .poll(async () =>
        s.page
          .getByRole('main')
          .getByRole('combobox', { name: `「${UPDATES}」の担当` })
          .inputValue(),
      )
      .toBe(OWNER.displayName);
    await expectAccessible(s.page, 'assessment action plan');

    await assessment.openTab('結果');
    await s.page
      .getByRole('main')
      .getByRole('heading', { level: 1, name: `結果：${TITLE}` })
      .waitFor();
    await expectAccessible(s.page, 'assessment results');
  });

  it('registers an information asset with its secrecy and encryption', async () => {
    const assessment = new AssessmentPage(s.page);
    await assessment.openTab('情報資産');
    const main = s.page.getByRole('main');
    await main.getByRole('heading', { level: 1, name: `情報資産：${TITLE}` }).waitFor();
    const form = main.getByRole('region', { name: '情報資産を登録する' });
    await form.getByRole('textbox', { name: '名前' }).fill('会員名簿');
    await chooseOption(form.getByRole('combobox', { name: '機密度' }), '極秘');
    await form.getByRole('checkbox', { name: '暗号化が必要' }).check();
    await form.getByRole('button', { name: '情報資産を登録する' }).click();
    const rows = await tableRows(main.getByRole('table'));
    expect(rows[0]?.slice(0, 4)).toEqual(['会員名簿', 'データ', '極秘', 'はい']);
    await expectAccessible(s.page, 'assessment information assets');
  });

  it('exports the sheet as an Excel file laid out like the paper sheet', async () => {
    const assessment = new AssessmentPage(s.page);
    await assessment.openTab('チェックシート');
    const download = await assessment.exportSheet();
    expect(download.suggestedFilename()).toMatch(/^security-assessment-.*\.xlsx$/);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'assess-')), download.suggestedFilename());
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0];
    expect(sheet?.getCell(3, 1).value).toBe('セキュリティポリシーの内容');
    expect(sheet?.getCell(3, 9).value).toBe('当社の評価');
    const rows = [5, 6, 7, 8, 9].map((r) => sheet?.getRow(r));
    const updates = rows.find((r) => r?.getCell(5).value === UPDATES);
    expect(updates?.getCell(10).value).toBe('極めて重大：古いOSから会員情報が漏れる');
    expect(updates?.getCell(14).value).toBe('する');
    expect(updates?.getCell(15).value).toBe('2999-03-31');
  });

  it('tells, in words, the second of two people who change the same item, instead of overwriting', async () => {
    const sheetUrl = s.page.url();
    const other = await signInAsOwner(s.browser, s.server.url);
    try {
      await s.page.reload();
      const mine = new AssessmentPage(s.page);
      const theirs = new AssessmentPage(other.page);
      await other.page.goto(sheetUrl);
      const theirItem = theirs.item(ANTIVIRUS);
      await theirItem.getByRole('textbox', { name: '今どうしているか（現状）' }).fill('全台に導入済み');
      await theirs.saved(theirItem);
      // This page still holds the item as it was before the other person's save.
      const myItem = mine.item(ANTIVIRUS);
      await myItem.getByRole('textbox', { name: '今どうしているか（現状）' }).fill('一部だけ');
      await myItem.getByRole('alert').filter({ hasText: 'ほかの人が先にこの項目を変更しました' }).waitFor();
      await expect
        .poll(() => myItem.getByRole('textbox', { name: '今どうしているか（現状）' }).inputValue())
        .toBe('全台に導入済み');
      await expectAccessible(s.page, 'assessment sheet (conflict)');
    } finally {
      await other.context.close();
    }
  });

  it('fits the sheet and the action plan on a 375 px phone', async () => {
    const url = s.page.url().replace(/\/assessment\/.*$/, '');
    const id = /\/assessment\/([^/]+)/.exec(s.page.url())?.[1];
    await withPhone(s.browser, { signInAt: s.server.url }, async (page) => {
      await page.goto(`${url}/assessment/${id}`);
      await page.getByRole('main').getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await expectFitsPhone(page, 'assessment-sheet-phone');
      await page.goto(`${url}/assessment/${id}/actions`);
      await page
        .getByRole('main')
        .getByRole('heading', { level: 1, name: `対策計画：${TITLE}` })
        .waitFor();
      await expectFitsPhone(page, 'assessment-actions-phone');
    });
  });

  it('renames the assessment, then deletes it on a 375 px phone after saying what is lost', async () => {
    const assessment = new AssessmentPage(s.page);
    const renamed = '5か条の自己評価 2026（見直し）';
    await s.page.getByRole('main').getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await assessment.rename(renamed);
    await expectAccessible(s.page, 'assessment renamed');
    const sheetUrl = s.page.url();

    await withPhone(s.browser, { signInAt: s.server.url }, async (page) => {
      await page.goto(sheetUrl);
      const phone = new AssessmentPage(page);
      await page.getByRole('main').getByRole('heading', { level: 1, name: renamed }).waitFor();
      const dialog = await phone.askDelete(renamed);
      // What goes with it is said before anything is deleted.
      await dialog.getByText(/判定済み 2 項目/).waitFor();
      await dialog.getByText(/未完了 1 件/).waitFor();
      await dialog.getByText(/登録した情報資産（1 件）/).waitFor();
      await expectFitsPhone(page, 'assessment-delete-phone');
      await dialog.getByRole('button', { name: '削除する' }).click();
      await phone.waitUntilShown();
      await page.getByRole('main').getByText('まだ自己評価はありません').waitFor();
      // The notice says it was deleted, then closes (it covers the form below while shown).
      const notice = page
        .locator('.mantine-Notification-root')
        .filter({ hasText: `評価「${renamed}」を削除しました` });
      await notice.waitFor();
      await notice.waitFor({ state: 'detached', timeout: 15_000 });
      await expectAccessible(page, 'assessment list after delete');
    });
  });
});
