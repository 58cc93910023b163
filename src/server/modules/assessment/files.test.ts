import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Assessment, AssessmentItem, Asset } from '../../../shared/assessment.js';
import { loadWorkbook } from '../../files/xlsx.js';
import { createItem, fileUpload } from '../../test/factories.js';
import { auditActions, createOrgWithUser, type TestClient, withTestApp } from '../../test/harness.js';

const t = withTestApp();
const API = '/api/v1';

async function start(client: TestClient, checklistIds = ['telework']): Promise<Assessment> {
  const res = await client.post(`${API}/assessments`, { title: '在宅勤務 2026', checklistIds });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function fill(client: TestClient, a: Assessment): Promise<Assessment> {
  const [first, second, third] = a.items;
  if (!first || !second || !third) throw new Error('too few items');
  const ok = async (id: string, body: Record<string, unknown>) =>
    expect(
      (await client.patch(`${API}/assessment-answers/${id}`, body, { 'if-match': '"1"' })).statusCode,
    ).toBe(200);
  await ok(first.answer.id, {
    currentState: '=1+1 と書いた現状',
    impact: {
      confidentiality: { level: 'serious', reason: '会員の個人情報が漏れる' },
      availability: { level: 'critical' },
    },
    decision: { status: 'planned', dueDate: '2999-03-31' },
    damageYen: 3_000_000,
    costYen: 120_000,
  });
  await ok(second.answer.id, { decision: { status: 'not_needed', reason: '貸与PCがない' } });
  await ok(third.answer.id, { decision: { status: 'done' } });
  return (await client.get(`${API}/assessments/${a.id}`)).json();
}

/** Types a row into the sheet as a user in Excel would: on the first empty row below the data. */
function typeRow(sheet: ExcelJS.Worksheet, values: string[]): number {
  let r = 2;
  while (sheet.getRow(r).getCell(2).value !== null || sheet.getRow(r).getCell(3).value !== null) r++;
  values.forEach((v, i) => {
    sheet.getRow(r).getCell(i + 1).value = v;
  });
  return r;
}

const upload = (client: TestClient, id: string, bytes: Buffer) => {
  const { body, headers } = fileUpload('sheet.xlsx', bytes);
  return client.post(`${API}/assessments/${id}/import`, body, headers);
};

describe('assessment files', () => {
  it('exports the paper sheet’s layout, opened by a real parser, and re-imports it unchanged', async () => {
    const { client } = await createOrgWithUser(t);
    const a = await fill(client, await start(client));
    const res = await client.get(`${API}/assessments/${a.id}/sheet.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="security-assessment-.*\.xlsx"/);
    const book = await loadWorkbook(res.rawPayload);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(sheet.getCell(3, 1).value).toBe('セキュリティポリシーの内容');
    expect(sheet.getCell(3, 9).value).toBe('当社の評価');
    expect(sheet.getCell(4, 5).value).toBe('対策項目');
    expect(sheet.getCell(4, 14).value).toBe('実施判定（実施済み・する・不要）');
    const row = sheet.getRow(5);
    expect(row.getCell(1).value).toBe(a.items[0]?.key);
    // A text a spreadsheet would run as a formula is written as guarded text, never a formula.
    expect(row.getCell(9).value).toBe("'=1+1 と書いた現状");
    expect(row.getCell(9).formula).toBeUndefined();
    expect(row.getCell(10).value).toBe('重大：会員の個人情報が漏れる');
    expect(row.getCell(12).value).toBe('極めて重大');
    expect(row.getCell(14).value).toBe('する');
    expect(row.getCell(17).value).toBe(3_000_000);
    expect(sheet.rowCount).toBe(4 + a.items.length);

    const again = await upload(client, a.id, res.rawPayload);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual({ updated: 0, unchanged: a.items.length, assetsAdded: 0, assetsUpdated: 0 });
    const after: Assessment = (await client.get(`${API}/assessments/${a.id}`)).json();
    expect(after.items).toEqual(a.items);

    // The English sheet reads back the same.
    const en = await client.get(`${API}/assessments/${a.id}/sheet.xlsx?lang=en`);
    expect((await upload(client, a.id, en.rawPayload)).json()).toEqual({
      updated: 0,
      unchanged: a.items.length,
      assetsAdded: 0,
      assetsUpdated: 0,
    });
  });

  it('imports a filled sheet, and refuses one with a bad row whole, naming the item', async () => {
    const { client } = await createOrgWithUser(t);
    const a = await start(client);
    const sheetOf = async () => {
      const bytes = (await client.get(`${API}/assessments/${a.id}/sheet.xlsx`)).rawPayload;
      const book = await loadWorkbook(bytes);
      return { book, sheet: book.worksheets[0] as NonNullable<(typeof book.worksheets)[0]> };
    };
    const { book, sheet } = await sheetOf();
    sheet.getRow(5).getCell(9).value = 'BIOSパスワードを設定済み';
    sheet.getRow(5).getCell(14).value = '実施済み';
    sheet.getRow(6).getCell(11).value = '軽微：影響は小さい';
    sheet.getRow(7).getCell(14).value = 'する'; // no deadline: refused
    sheet.getRow(8).getCell(10).value = 'とても大きい'; // not a level: refused
    sheet.getRow(9).getCell(9).value = 'あ'.repeat(2001); // longer than a cell may be: refused
    const bad = await upload(client, a.id, Buffer.from(await book.xlsx.writeBuffer()));
    expect(bad.statusCode).toBe(400);
    const [item7, item8, item9] = [a.items[2], a.items[3], a.items[4]] as [
      AssessmentItem,
      AssessmentItem,
      AssessmentItem,
    ];
    const named = (i: AssessmentItem) => ({ itemId: i.key, item_ja: i.measure.ja, item_en: i.measure.en });
    expect(bad.json().issues).toEqual([
      { path: [item7.key, 'dueDate'], code: 'decision_due_date_required', params: named(item7) },
      {
        path: [item8.key, 'impact', 'confidentiality'],
        code: 'impact_level_invalid',
        params: { ...named(item8), level: 'とても大きい' },
      },
      {
        path: [item9.key, 'currentState'],
        code: 'item_text_too_long',
        params: { ...named(item9), maximum: 2000 },
      },
    ]);
    // Nothing of the file was saved.
    const unchanged: Assessment = (await client.get(`${API}/assessments/${a.id}`)).json();
    expect(unchanged.items[0]?.answer.version).toBe(1);

    sheet.getRow(7).getCell(15).value = '2999-12-31';
    sheet.getRow(8).getCell(10).value = '重大';
    sheet.getRow(9).getCell(9).value = null;
    const good = await upload(client, a.id, Buffer.from(await book.xlsx.writeBuffer()));
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toEqual({
      updated: 4,
      unchanged: a.items.length - 4,
      assetsAdded: 0,
      assetsUpdated: 0,
    });
    const now: Assessment = (await client.get(`${API}/assessments/${a.id}`)).json();
    expect(now.items[0]?.answer).toMatchObject({
      currentState: 'BIOSパスワードを設定済み',
      decision: 'done',
    });
    expect(now.items[1]?.answer.impact.integrity).toEqual({ level: 'minor', reason: '影響は小さい' });
    expect(now.items[2]?.answer).toMatchObject({ decision: 'planned', dueDate: '2999-12-31' });
    expect(now.items[2]?.answer.actionId).toBeTruthy();
  });

  it('reads the information-asset sheet back: edits and new rows by asset ID, in either language', async () => {
    const { client } = await createOrgWithUser(t);
    const members = await createItem(client, 'system', { name: '会員管理', hosting: 'cloud' });
    await createItem(client, 'system', { name: '予約サイト', hosting: 'cloud' });
    const a = await start(client);
    const asset = (body: Record<string, unknown>) =>
      client.post(`${API}/assessments/${a.id}/assets`, body).then((r) => {
        expect(r.statusCode, r.body).toBe(201);
        return r.json() as Asset;
      });
    const roster = await asset({
      kind: 'data',
      name: '会員名簿',
      secrecy: 'top_secret',
      mustEncrypt: true,
      systemId: members.id,
      note: '=SUM(A1) のようなメモ',
    });
    const router = await asset({
      kind: 'network',
      name: '本社ルーター',
      secrecy: 'internal',
      mustEncrypt: false,
    });

    const exported = await client.get(`${API}/assessments/${a.id}/sheet.xlsx`);
    const book = await loadWorkbook(exported.rawPayload);
    const sheet = book.getWorksheet('情報資産');
    if (!sheet) throw new Error('no asset sheet');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      '資産ID（新しい資産は空欄）',
      '名前',
      '種類',
      '機密度',
      '暗号化が必要（○）',
      '台帳のシステム',
      'メモ',
    ]);
    const rowOf = (id: string) => {
      for (let r = 2; r <= sheet.rowCount; r++)
        if (sheet.getRow(r).getCell(1).value === id) return sheet.getRow(r);
      throw new Error(`no row for ${id}`);
    };
    expect((rowOf(roster.id).values as unknown[]).slice(1)).toEqual([
      roster.id,
      '会員名簿',
      'データ',
      '極秘',
      '○',
      '会員管理',
      "'=SUM(A1) のようなメモ",
    ]);
    // Excel offers the kinds as a drop-down list.
    expect(rowOf(router.id).getCell(3).dataValidation).toMatchObject({ type: 'list' });

    // Unchanged, it changes nothing (the versions stay).
    const same = await upload(client, a.id, exported.rawPayload);
    expect(same.json()).toMatchObject({ assetsAdded: 0, assetsUpdated: 0 });

    // As a user would in Excel: change a cell, add a row below, leave the ID of the new one empty.
    rowOf(router.id).getCell(4).value = '関係社外秘';
    rowOf(router.id).getCell(5).value = '○';
    typeRow(sheet, ['', '顧客への見積書', 'データ', '社外秘', '', '予約サイト', '共有フォルダにある']);
    const edited = await upload(client, a.id, Buffer.from(await book.xlsx.writeBuffer()));
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toEqual({
      updated: 0,
      unchanged: a.items.length,
      assetsAdded: 1,
      assetsUpdated: 1,
    });
    const list: Asset[] = (await client.get(`${API}/assessments/${a.id}/assets`)).json().items;
    expect(list.find((x) => x.id === router.id)).toMatchObject({
      secrecy: 'partners_only',
      mustEncrypt: true,
      version: 2,
    });
    expect(list.find((x) => x.id === roster.id)).toMatchObject({ version: 1, note: '=SUM(A1) のようなメモ' });
    expect(list.find((x) => x.name === '顧客への見積書')).toMatchObject({
      kind: 'data',
      secrecy: 'internal',
      mustEncrypt: false,
      systemName: '予約サイト',
      note: '共有フォルダにある',
    });

    // The English sheet, with English words, reads back the same way.
    const en = await loadWorkbook(
      (await client.get(`${API}/assessments/${a.id}/sheet.xlsx?lang=en`)).rawPayload,
    );
    const enSheet = en.getWorksheet('Information assets');
    if (!enSheet) throw new Error('no English asset sheet');
    expect(enSheet.getRow(1).getCell(3).value).toBe('Kind');
    typeRow(enSheet, ['', 'Backup disk', 'Hardware', 'Partners only', 'yes', '', '']);
    const english = await upload(client, a.id, Buffer.from(await en.xlsx.writeBuffer()));
    expect(english.json()).toMatchObject({ assetsAdded: 1, assetsUpdated: 0 });
    expect(await auditActions(t, { entityId: a.id })).toContain('assessment.import');
  });

  it('refuses broken asset rows with the item rows, naming sheet and row, and saves nothing', async () => {
    const { client } = await createOrgWithUser(t);
    const a = await start(client);
    const other = await start(client);
    const mine = (
      await client.post(`${API}/assessments/${a.id}/assets`, {
        kind: 'data',
        name: '会員名簿',
        secrecy: 'top_secret',
        mustEncrypt: true,
      })
    ).json() as Asset;
    const theirs = (
      await client.post(`${API}/assessments/${other.id}/assets`, {
        kind: 'data',
        name: '別の評価の資産',
        secrecy: 'public',
        mustEncrypt: false,
      })
    ).json() as Asset;
    const book = await loadWorkbook((await client.get(`${API}/assessments/${a.id}/sheet.xlsx`)).rawPayload);
    const items = book.worksheets[0];
    const sheet = book.getWorksheet('情報資産');
    if (!items || !sheet) throw new Error('sheets missing');
    items.getRow(5).getCell(14).value = '不要'; // no reason: refused, naming the item
    sheet.getRow(2).getCell(2).value = '会員名簿（改）'; // a good change, not saved either
    typeRow(sheet, ['', '見積書', 'サーバー', '社外秘', '', '', '']); // not a kind
    typeRow(sheet, ['', '', 'データ', '秘密', 'たぶん', 'ない台帳', '']); // no name, bad secrecy, encrypt, system
    typeRow(sheet, [theirs.id, '他人の資産', 'データ', '公開可能', '', '', '']); // another assessment's ID
    typeRow(sheet, [mine.id, '会員名簿の写し', 'データ', '極秘', '○', '', '']); // the same ID twice
    typeRow(sheet, ['', 'x'.repeat(201), 'OS', '公開可能', '', '', '']); // too long
    const res = await upload(client, a.id, Buffer.from(await book.xlsx.writeBuffer()));
    expect(res.statusCode).toBe(400);
    const at = (row: number) => ({ sheet: '情報資産', row });
    const item = a.items[0] as AssessmentItem;
    expect(res.json().issues).toEqual([
      {
        path: [item.key, 'reason'],
        code: 'decision_reason_required',
        params: { itemId: item.key, item_ja: item.measure.ja, item_en: item.measure.en },
      },
      { path: ['assets', 3, 'kind'], code: 'asset_kind_invalid', params: { ...at(3), value: 'サーバー' } },
      { path: ['assets', 4, 'name'], code: 'asset_name_required', params: at(4) },
      { path: ['assets', 4, 'secrecy'], code: 'asset_secrecy_invalid', params: { ...at(4), value: '秘密' } },
      {
        path: ['assets', 4, 'mustEncrypt'],
        code: 'asset_encrypt_invalid',
        params: { ...at(4), value: 'たぶん' },
      },
      {
        path: ['assets', 4, 'system'],
        code: 'asset_system_unknown',
        params: { ...at(4), value: 'ない台帳' },
      },
      { path: ['assets', 5, 'id'], code: 'asset_id_unknown', params: { ...at(5), value: theirs.id } },
      { path: ['assets', 6, 'id'], code: 'asset_id_duplicate', params: { ...at(6), firstRow: 2 } },
      { path: ['assets', 7, 'name'], code: 'asset_text_too_long', params: at(7) },
    ]);
    // Nothing of the file was saved: not the answer, not the good asset row.
    const assets: Asset[] = (await client.get(`${API}/assessments/${a.id}/assets`)).json().items;
    expect(assets).toEqual([expect.objectContaining({ id: mine.id, name: '会員名簿', version: 1 })]);
    const after: Assessment = (await client.get(`${API}/assessments/${a.id}`)).json();
    expect(after.items[0]?.answer.version).toBe(1);

    // A sheet whose headers were changed is refused as a whole, naming the columns.
    sheet.getRow(1).getCell(3).value = '分類';
    const headers = await upload(client, a.id, Buffer.from(await book.xlsx.writeBuffer()));
    expect(headers.json().issues).toEqual([
      {
        path: ['assets'],
        code: 'asset_headers_invalid',
        params: { sheet: '情報資産', columns_ja: '種類', columns_en: 'Kind' },
      },
    ]);
  });

  it('refuses a sheet of another checklist or version, and a file that is no sheet, in words', async () => {
    const { client } = await createOrgWithUser(t);
    const telework = await start(client);
    const rules = await start(client, ['five-rules']);
    const other = (await client.get(`${API}/assessments/${rules.id}/sheet.xlsx`)).rawPayload;
    const wrong = await upload(client, telework.id, other);
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({
      code: 'sheet_wrong_checklist',
      params: { expected: 'telework@1', found: 'five-rules@1' },
    });
    const book = await loadWorkbook(
      (await client.get(`${API}/assessments/${telework.id}/sheet.xlsx`)).rawPayload,
    );
    (book.worksheets[0] as NonNullable<(typeof book.worksheets)[0]>).getCell(2, 2).value = 'telework@0';
    const oldVersion = await upload(client, telework.id, Buffer.from(await book.xlsx.writeBuffer()));
    expect(oldVersion.json()).toMatchObject({
      code: 'sheet_wrong_checklist',
      params: { found: 'telework@0' },
    });
    const junk = await upload(client, telework.id, Buffer.from('not a workbook'));
    expect(junk.json().code).toBe('sheet_not_assessment');
  });

  it('writes a PDF report with the Japanese font', async () => {
    const { client } = await createOrgWithUser(t);
    const a = await fill(client, await start(client));
    const res = await client.get(`${API}/assessments/${a.id}/report.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/NotoSansJP/);
  });
});
