import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertImportJob } from '../../src/server/test/import-jobs.js';
import { ImportPage } from './pages/import-page.js';
import { PeoplePage } from './pages/people-page.js';
import { Shell } from './pages/shell.js';
import { expectAccessible, screenshot } from './support/browser.js';
import { expectFitsPhone } from './support/layout.js';
import { useOwnerSession, withPhone } from './support/session.js';

/** Three people; the second names a site the organization does not have (row 3, header = row 1). */
const CSV = [
  '社員番号,氏名,フリガナ,メールアドレス,電話番号,拠点,自宅都道府県,雇用区分',
  'E001,佐藤 一郎,サトウ イチロウ,ichiro@example.jp,086-000-0001,岡山本社,岡山県,正社員',
  'E002,鈴木 二郎,スズキ ジロウ,jiro@example.jp,086-000-0002,大阪支店,大阪府,正社員',
  'E003,高橋 三子,タカハシ ミツコ,mitsuko@example.jp,086-000-0003,岡山本社,33,パート',
].join('\r\n');

describe('people directory: import with a bad row, export, phone layout', () => {
  const s = useOwnerSession({
    arrange: async (api) => {
      await api.call('POST', '/sites', { name: '岡山本社', kind: 'head_office' });
    },
  });
  let tmp: string;
  let csvPath: string;

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'keizoku-e2e-files-'));
    csvPath = path.join(tmp, '社員名簿.csv');
    fs.writeFileSync(csvPath, `\uFEFF${CSV}\r\n`, 'utf8');
  });

  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('opens the empty directory and the import page', async () => {
    await new Shell(s.page).goTo('社員名簿');
    const people = new PeoplePage(s.page);
    await people.waitUntilShown();
    await s.page.getByText('まだ誰も登録されていません。').waitFor();
    await expectAccessible(s.page, 'people (empty)');

    await people.openImport();
    const importing = new ImportPage(s.page);
    await importing.waitUntilShown();
    await screenshot(s.page, 'import-choose');
    await expectAccessible(s.page, 'import: choose a file');
  });

  it('reports the bad row with its number and the reason in Japanese, importing nothing yet', async () => {
    const importing = new ImportPage(s.page);
    await importing.upload(csvPath);
    await importing.waitForReport();
    expect(await importing.summary()).toBe(
      '1 行に問題があります。まだ何も取り込んでいません。次のどちらかを選んでください。',
    );
    expect(await importing.badRows()).toEqual([
      {
        row: 3,
        column: '拠点',
        reason: 'この名前の拠点がありません。先に「拠点・部署」で登録するか、名前を合わせてください',
      },
    ]);
    // "Import all" is not offered while a row is bad, and the server refuses it too.
    expect(await importing.importAllButton().count()).toBe(0);
    const jobId = new URL(s.page.url()).searchParams.get('job');
    expect(jobId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/); // a UUIDv7
    const all = await s.api.send('POST', `/people/imports/${jobId}/commit`, { mode: 'all' });
    expect(all).toMatchObject({ status: 422, body: { code: 'import_has_errors' } });
    const none = await s.api.call<{ items: unknown[] }>('GET', '/people');
    expect(none.items).toEqual([]);

    await screenshot(s.page, 'import-report');
    await expectAccessible(s.page, 'import: report with a bad row');
  });

  it('imports only the good rows when asked, and they appear in the directory', async () => {
    const importing = new ImportPage(s.page);
    expect(await importing.importValidOnlyButton().textContent()).toBe('問題のない 2 行を取り込む');
    await importing.importValidRowsOnly();
    expect(await importing.resultText()).toBe('2 人を追加し、0 人を更新しました。');
    await expectAccessible(s.page, 'import: done');

    await importing.goToDirectory();
    const people = new PeoplePage(s.page);
    await people.waitUntilShown();
    expect(await people.shownCount()).toBe('2 人を表示しています');
    expect((await people.names()).sort()).toEqual(['佐藤 一郎', '高橋 三子']);
    await s.page.getByRole('cell', { name: 'パート・アルバイト' }).waitFor();
    await screenshot(s.page, 'people');
    await expectAccessible(s.page, 'people (two people)');
  });

  it('finds a person by kana', async () => {
    const people = new PeoplePage(s.page);
    await people.search('タカハシ');
    await people.waitForShown('1 人を表示しています');
    expect(await people.names()).toEqual(['高橋 三子']);
    await people.search('');
    await people.waitForShown('2 人を表示しています');
  });

  it('exports the directory as CSV and Excel downloads', async () => {
    const people = new PeoplePage(s.page);
    const download = await people.export('csv');
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const saved = path.join(tmp, download.suggestedFilename());
    await download.saveAs(saved);
    const text = fs.readFileSync(saved, 'utf8').replace(/^\uFEFF/, '');
    const [header, ...rows] = text.trim().split(/\r?\n/);
    expect(header).toContain('氏名');
    expect(header).toContain('拠点');
    expect(rows).toHaveLength(2);
    expect(text).toContain('佐藤 一郎');
    expect(text).toContain('高橋 三子');
    expect(text).not.toContain('鈴木 二郎');

    const xlsx = await people.export('xlsx');
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const xlsxPath = path.join(tmp, xlsx.suggestedFilename());
    await xlsx.saveAs(xlsxPath);
    // An XLSX file is a zip archive.
    expect(fs.readFileSync(xlsxPath).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('says a check cut short by a restart stopped, and to upload the file again', async () => {
    // What a server killed while checking a file leaves: a running job, silent for minutes.
    const org = await s.server.db.kysely.selectFrom('organizations').select('id').executeTakeFirstOrThrow();
    const then = new Date(Date.now() - 5 * 60 * 1000).toISOString();
    const id = await insertImportJob(s.server.db.kysely, {
      orgId: org.id,
      status: 'running',
      updatedAt: then,
    });
    const importing = new ImportPage(s.page);
    await importing.openJob(s.server.url, id);
    expect(await importing.failure()).toContain(
      'サーバーの再起動などで、ファイルの確認が途中で止まりました。お手数ですが、ファイルをもう一度アップロードしてください。',
    );
    await screenshot(s.page, 'import-interrupted');
    await expectAccessible(s.page, 'import: interrupted');
    await importing.chooseAnotherFile();
    await s.page.getByRole('button', { name: 'アップロードして確かめる' }).waitFor();
  });

  it('shows the directory as cards on a 375 px phone', async () => {
    await withPhone(s.browser, { signInAt: s.server.url }, async (small) => {
      await new Shell(small).goTo('社員名簿');
      const people = new PeoplePage(small);
      await people.waitUntilShown();
      expect((await people.names()).sort()).toEqual(['佐藤 一郎', '高橋 三子']);
      expect(await people.list().getByRole('table').count()).toBe(0);
      await expectFitsPhone(small, 'people-phone');
    });
  });
});
