import { describe, expect, it } from 'vitest';
import type { Assessment, AssessmentItem } from '../../../shared/assessment.js';
import { loadWorkbook } from '../../files/xlsx.js';
import { fileUpload } from '../../test/factories.js';
import { createOrgWithUser, type TestClient, withTestApp } from '../../test/harness.js';

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
    expect(again.json()).toEqual({ updated: 0, unchanged: a.items.length });
    const after: Assessment = (await client.get(`${API}/assessments/${a.id}`)).json();
    expect(after.items).toEqual(a.items);

    // The English sheet reads back the same.
    const en = await client.get(`${API}/assessments/${a.id}/sheet.xlsx?lang=en`);
    expect((await upload(client, a.id, en.rawPayload)).json()).toEqual({
      updated: 0,
      unchanged: a.items.length,
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
    const bad = await upload(client, a.id, Buffer.from(await book.xlsx.writeBuffer()));
    expect(bad.statusCode).toBe(400);
    const [item7, item8] = [a.items[2], a.items[3]] as [AssessmentItem, AssessmentItem];
    const named = (i: AssessmentItem) => ({ itemId: i.key, item_ja: i.measure.ja, item_en: i.measure.en });
    expect(bad.json().issues).toEqual([
      { path: [item7.key, 'dueDate'], code: 'decision_due_date_required', params: named(item7) },
      {
        path: [item8.key, 'impact', 'confidentiality'],
        code: 'impact_level_invalid',
        params: { ...named(item8), level: 'とても大きい' },
      },
    ]);
    // Nothing of the file was saved.
    const unchanged: Assessment = (await client.get(`${API}/assessments/${a.id}`)).json();
    expect(unchanged.items[0]?.answer.version).toBe(1);

    sheet.getRow(7).getCell(15).value = '2999-12-31';
    sheet.getRow(8).getCell(10).value = '重大';
    const good = await upload(client, a.id, Buffer.from(await book.xlsx.writeBuffer()));
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toEqual({ updated: 4, unchanged: a.items.length - 4 });
    const now: Assessment = (await client.get(`${API}/assessments/${a.id}`)).json();
    expect(now.items[0]?.answer).toMatchObject({
      currentState: 'BIOSパスワードを設定済み',
      decision: 'done',
    });
    expect(now.items[1]?.answer.impact.integrity).toEqual({ level: 'minor', reason: '影響は小さい' });
    expect(now.items[2]?.answer).toMatchObject({ decision: 'planned', dueDate: '2999-12-31' });
    expect(now.items[2]?.answer.actionId).toBeTruthy();
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
