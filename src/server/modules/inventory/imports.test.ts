import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { commitImportJob, createItem, fileUpload, importFile } from '../../test/factories.js';
import { addUserToOrg, auditEntries, createOrgWithUser, withTestApp } from '../../test/harness.js';
import { insertImportJob } from '../../test/import-jobs.js';
import { sweepImportJobs } from '../imports/service.js';

const t = withTestApp();

const API = '/api/v1/inventory';

/** A workbook as Excel writes it (exceljs): one sheet, a header row, then the rows. */
async function workbook(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('システム');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('inventory import jobs (the same pipeline as the people import)', () => {
  it('checks a real XLSX file, previews, writes nothing until the commit, then writes it once, audited', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    await createItem(client, 'system', { name: '会計', hosting: 'on_premises' });
    const file = await workbook([
      ['システム名', '設置形態', 'システム依存度'],
      ['会計', 'SaaS（サービスとして利用）', 2],
      ['メール', 'cloud', 1],
      ['勤怠', '月面', 1],
    ]);
    const path = `${API}/systems/imports`;
    const job = await importFile(client, path, 'システム一覧.xlsx', file);
    expect(job).toMatchObject({
      kind: 'inventory:systems',
      status: 'done',
      format: 'xlsx',
      fileName: 'システム一覧.xlsx',
      totalRows: 3,
      processedRows: 3,
      validCount: 2,
      errorCount: 1,
      errors: [{ row: 4, field: 'hosting', code: 'choice_unknown' }],
      preview: { created: 1, updated: 1, unchanged: 0 },
      result: null,
    });
    // The job can be read again later (the page comes back to it); nothing is written yet.
    expect((await client.get(`${path}/${job.id}`)).json()).toMatchObject({ status: 'done', validCount: 2 });
    const names = async () =>
      (await client.get(`${API}/systems`))
        .json()
        .items.map((s: { name: string; hosting: string }) => [s.name, s.hosting]);
    expect(await names()).toEqual([['会計', 'on_premises']]);

    const refused = await client.post(`${path}/${job.id}/commit`, { mode: 'all' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'import_has_errors', params: { errorCount: 1 } });
    expect(await names()).toEqual([['会計', 'on_premises']]);

    const done = await commitImportJob(client, path, job.id, 'valid_only');
    expect(done).toMatchObject({ status: 'committed', result: { created: 1, updated: 1, unchanged: 0 } });
    expect(await names()).toEqual([
      ['メール', 'cloud'],
      ['会計', 'saas'],
    ]);
    expect((await client.post(`${path}/${job.id}/commit`, { mode: 'valid_only' })).statusCode).toBe(409);

    const audit = await auditEntries(t, { orgId, entityType: 'import_job', entityId: job.id });
    expect(audit.map((a) => a.action)).toEqual(['system.import_upload', 'system.import']);
    expect(audit[1]?.summary).toMatchObject({
      details: {
        mode: 'valid_only',
        fileName: 'システム一覧.xlsx',
        created: 1,
        updated: 1,
        skippedRows: 1,
        totalRows: 3,
      },
    });
  });

  it('reads a Shift_JIS CSV as Excel saves it, with English headers too', async () => {
    const { client } = await createOrgWithUser(t);
    const sjis = iconv.encode(
      '業務名,業務重要度,必要なデータ\r\n月謝請求,2,会員名簿\r\n給与計算,1,\r\n',
      'Shift_JIS',
    );
    const job = await importFile(client, `${API}/operations/imports`, '業務.csv', sjis);
    expect(job).toMatchObject({ format: 'csv', validCount: 2, errorCount: 0, preview: { created: 2 } });
    await commitImportJob(client, `${API}/operations/imports`, job.id, 'all');
    const english = await importFile(
      client,
      `${API}/suppliers/imports`,
      'suppliers.csv',
      'name,kind\r\nNTT,isp\r\n',
    );
    expect(english).toMatchObject({ validCount: 1, errorCount: 0 });
    const ops = (await client.get(`${API}/operations`)).json().items;
    expect(ops.map((o: { name: string; needsData: string[] }) => [o.name, o.needsData])).toEqual([
      ['月謝請求', ['会員名簿']],
      ['給与計算', []],
    ]);
  });

  it("another organization's job, and another register's, are not found; readers may not import", async () => {
    const a = await createOrgWithUser(t);
    const b = await createOrgWithUser(t);
    const file = await workbook([['name'], ['会計']]);
    const job = await importFile(a.client, `${API}/systems/imports`, 'x.xlsx', file);
    for (const url of [`${API}/systems/imports/${job.id}`]) {
      expect((await b.client.get(url)).statusCode).toBe(404);
      expect((await b.client.post(`${url}/commit`, { mode: 'all' })).statusCode).toBe(404);
    }
    // The same organization, through another register's (or the people import's) path: 404.
    expect((await a.client.get(`${API}/components/imports/${job.id}`)).statusCode).toBe(404);
    expect(
      (await a.client.post(`${API}/operations/imports/${job.id}/commit`, { mode: 'all' })).statusCode,
    ).toBe(404);
    expect((await a.client.get(`/api/v1/people/imports/${job.id}`)).statusCode).toBe(404);
    expect((await b.client.get(`${API}/systems`)).json().items).toHaveLength(0);
    expect((await a.client.get(`${API}/systems`)).json().items).toHaveLength(0);

    const reader = await addUserToOrg(t, a.orgId, 'auditor');
    expect((await reader.client.get(`${API}/systems/imports/${job.id}`)).statusCode).toBe(403);
    const { body, headers } = fileUpload('x.xlsx', file);
    expect((await reader.client.post(`${API}/systems/imports`, body, headers)).statusCode).toBe(403);
  });

  it('refuses a file over the size limit, and expires a checked file left uncommitted', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    const big = fileUpload('big.csv', Buffer.alloc(10 * 1024 * 1024 + 1, 'a'));
    const res = await client.post(`${API}/suppliers/imports`, big.body, big.headers);
    expect(res.statusCode).toBe(413);

    const id = await insertImportJob(t.db.kysely, {
      orgId,
      kind: 'inventory:suppliers',
      status: 'done',
      updatedAt: new Date(Date.now() - 25 * 60 * 60 * 1000).toISOString(),
      payload: JSON.stringify({ fields: ['name'], valid: [{ row: 2, name: 'x', input: { name: 'x' } }] }),
    });
    expect((await sweepImportJobs(t.db)).expired).toBeGreaterThanOrEqual(1);
    const job = (await client.get(`${API}/suppliers/imports/${id}`)).json();
    expect(job).toMatchObject({ status: 'failed', errors: [{ row: 0, code: 'import_expired' }] });
    expect((await client.post(`${API}/suppliers/imports/${id}/commit`, { mode: 'all' })).statusCode).toBe(
      409,
    );
    expect((await client.get(`${API}/suppliers`)).json().items).toHaveLength(0);
  });
});
