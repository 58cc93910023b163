import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { REGISTERS } from '../../../domain/inventory.js';
import { loadWorkbook } from '../../files/xlsx.js';
import { commitImportJob, importFile } from '../../test/factories.js';
import { TestClient, withTestApp } from '../../test/harness.js';

const t = withTestApp();
let client: TestClient;
beforeAll(async () => {
  client = new TestClient(t.app);
  expect((await client.post('/api/v1/setup/demo')).statusCode).toBe(200);
});

const API = '/api/v1/inventory';

/** Uploads, checks and commits a register's file through its import job; the committed job. */
async function importRegister(register: string, file: Buffer, mode: 'all' | 'valid_only' = 'all') {
  const path = `${API}/${register}/imports`;
  const job = await importFile(client, path, `${register}.xlsx`, file);
  expect(job.status, JSON.stringify(job.errors)).toBe('done');
  return commitImportJob(client, path, job.id, mode);
}

const everything = async () =>
  Object.fromEntries(
    await Promise.all(
      REGISTERS.map(async (r) => [r, (await client.get(`${API}/${r}?limit=200`)).json().items] as const),
    ),
  );

describe('the demo company exported and imported back', () => {
  for (const lang of ['ja', 'en'] as const)
    it(`changes nothing (${lang}): every row reported unchanged, no version bumped, owners still linked`, async () => {
      const before = await everything();
      expect(before.operations.some((o: { ownerPersonId: string | null }) => o.ownerPersonId)).toBe(true);
      for (const register of REGISTERS) {
        const exp = await client.get(`${API}/${register}/export?lang=${lang}`);
        expect(exp.statusCode).toBe(200);
        expect(String(exp.headers['content-disposition'])).toMatch(
          new RegExp(`filename="${register}-\\d{4}-\\d{2}-\\d{2}\\.xlsx"`),
        );
        const job = await importRegister(register, exp.rawPayload);
        expect(job).toMatchObject({
          errorCount: 0,
          preview: { created: 0, updated: 0, unchanged: before[register].length },
          result: { created: 0, updated: 0, unchanged: before[register].length },
        });
      }
      expect(await everything()).toEqual(before);
    });

  it('writes sheet names, headers and values in the language asked for, wrapped and fitted to the page', async () => {
    const exp = await client.get(`${API}/systems/export?lang=ja`);
    const wb = await loadWorkbook(exp.rawPayload);
    const sheet = wb.worksheets[0];
    expect(sheet?.name).toBe('システム');
    const headerValues = sheet?.getRow(1).values;
    const hostingCol = Array.isArray(headerValues) ? headerValues.indexOf('設置形態') : -1;
    const hostings = new Set<unknown>();
    sheet?.eachRow((row, n) => {
      if (n > 1) hostings.add(row.getCell(hostingCol).value);
    });
    for (const code of ['on_premises', 'saas', 'cloud', 'hosted']) expect([...hostings]).not.toContain(code);
    expect([...hostings]).toContain('SaaS（サービスとして利用）');
    expect(sheet?.pageSetup).toMatchObject({ fitToPage: true, fitToWidth: 1, orientation: 'landscape' });
    expect(sheet?.getColumn(1).alignment).toMatchObject({ wrapText: true });
    const en = await loadWorkbook((await client.get(`${API}/suppliers/export?lang=en`)).rawPayload);
    expect(en.worksheets[0]?.name).toBe('Suppliers');
  });

  it("reads the screen's labels, either language's words and codes, any width; links an owner named in the directory", async () => {
    const people = (await client.get('/api/v1/people?limit=5')).json().items as {
      id: string;
      name: string;
    }[];
    const [someone] = people;
    if (!someone) throw new Error('the demo has people');
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('システム');
    sheet.addRow(['システム名', 'ＨＯＳＴＩＮＧ', '管理者']);
    sheet.addRow(['新A', 'SaaS（サービスとして利用）', someone.name]);
    sheet.addRow(['新B', 'ｓａａｓ', '外部の田中さん']);
    sheet.addRow(['新C', 'In our office', '']);
    sheet.addRow(['新D', 'on_premises', '']);
    sheet.addRow(['新E', ' データセンター・レンタルサーバー ', '']);
    sheet.addRow(['新F', '月面', '']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const checked = await importRegister('systems', file, 'valid_only');
    expect(checked.errors).toEqual([{ row: 7, field: 'hosting', code: 'choice_unknown' }]);
    expect(checked).toMatchObject({ result: { created: 5 } });
    const items = (await client.get(`${API}/systems?limit=200&q=新`)).json().items as {
      name: string;
      hosting: string;
      ownerPersonId: string | null;
      ownerText: string | null;
    }[];
    expect(items.map((s) => [s.name, s.hosting, s.ownerPersonId, s.ownerText])).toEqual([
      ['新A', 'saas', someone.id, null],
      ['新B', 'saas', null, '外部の田中さん'],
      ['新C', 'on_premises', null, null],
      ['新D', 'on_premises', null, null],
      ['新E', 'hosted', null, null],
    ]);
  });
});
