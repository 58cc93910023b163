import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createItem, fileUpload } from '../../test/factories.js';
import {
  addUserToOrg,
  auditActions,
  auditEntries,
  createOrgWithUser,
  type TestApp,
  type TestClient,
  withTestApp,
} from '../../test/harness.js';
import { insertImportJob } from '../../test/import-jobs.js';
import * as imports from '../imports/service.js';

const t = withTestApp();

const JA_HEADERS =
  '社員番号,氏名,フリガナ,メールアドレス,電話番号,チャットID,拠点,部署,自宅都道府県,雇用区分';

async function upload(client: TestClient, fileName: string, content: Buffer | string, type = 'text/csv') {
  const { body, headers } = fileUpload(fileName, content, type);
  return client.post('/api/v1/people/imports', body, headers);
}

interface Job {
  id: string;
  status: string;
  totalRows: number;
  processedRows: number;
  validCount: number;
  errorCount: number;
  errors: { row: number; field?: string; code: string; params?: Record<string, string | number> }[];
  result: { created: number; updated: number } | null;
}

/** Polls the job until validation ends; returns it with every processedRows value seen. */
async function waitForJob(client: TestClient, id: string): Promise<{ job: Job; progress: number[] }> {
  const progress: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const res = await client.get(`/api/v1/people/imports/${id}`);
    expect(res.statusCode).toBe(200);
    const job = res.json() as Job;
    progress.push(job.processedRows);
    if (job.status === 'done' || job.status === 'failed') return { job, progress };
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('import did not finish');
}

async function importFile(client: TestClient, fileName: string, content: Buffer | string, type?: string) {
  const res = await upload(client, fileName, content, type);
  expect(res.statusCode, res.body).toBe(202);
  return (await waitForJob(client, res.json().id)).job;
}

async function setup(app: TestApp = t) {
  const org = await createOrgWithUser(app);
  await createItem(org.client, 'site', { name: '岡山本社', kind: 'head_office', prefectureCode: '33' });
  await createItem(org.client, 'site', { name: '倉敷店', kind: 'shop', prefectureCode: '33' });
  await createItem(org.client, 'department', { name: '情報システム' });
  await createItem(org.client, 'department', { name: '総務' });
  return org;
}

async function allPeople(client: TestClient) {
  const res = await client.get('/api/v1/people?limit=200&includeArchived=true');
  return res.json().items as Record<string, unknown>[];
}

async function xlsxBuffer(build: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('Sheet1'));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('people import: CSV', () => {
  it('imports a clean UTF-8 (BOM) CSV with Japanese headers and labels', async () => {
    const { client, orgId } = await setup();
    const csv = `\uFEFF${JA_HEADERS}\r\nE001,山田 太郎,ヤマダ タロウ,taro@example.jp,086-123-4567,@taro,岡山本社,情報システム,岡山県,正社員\r\nE002,佐藤 花子,さとう はなこ,,,,倉敷店,総務,広島,パート・アルバイト\r\n`;
    const job = await importFile(client, 'people.csv', csv);
    expect(job).toMatchObject({
      status: 'done',
      totalRows: 2,
      processedRows: 2,
      validCount: 2,
      errorCount: 0,
      errors: [],
    });
    const commit = await client.post(`/api/v1/people/imports/${job.id}/commit`, { mode: 'all' });
    expect(commit.statusCode).toBe(200);
    expect(commit.json()).toMatchObject({ status: 'committed', result: { created: 2, updated: 0 } });
    const people = await allPeople(client);
    expect(
      people.map((p) => [
        p.employeeNumber,
        p.name,
        p.siteName,
        p.departmentName,
        p.homePrefecture,
        p.employmentStatus,
      ]),
    ).toEqual([
      ['E002', '佐藤 花子', '倉敷店', '総務', '34', 'part_time'],
      ['E001', '山田 太郎', '岡山本社', '情報システム', '33', 'full_time'],
    ]);
    const audits = await auditEntries(t, { orgId, action: 'people.import%' });
    expect(audits.map((a) => a.action)).toEqual(['people.import_upload', 'people.import']);
    expect(audits[1]?.summary).toMatchObject({
      details: { mode: 'all', created: 2, updated: 0 },
    });
  });

  it('keeps a Japanese file name', async () => {
    const { client } = await setup();
    const job = await importFile(client, '社員名簿 2026.csv', 'name\nA\n');
    expect((job as Job & { fileName: string }).fileName).toBe('社員名簿 2026.csv');
  });

  it('refuses a file name with hidden or control characters and keeps no job', async () => {
    const { client } = await setup();
    for (const [name, character] of [
      ['名簿\u202Evsc.xlsx', 'U+202E'],
      ['list\u001b[2J.csv', 'U+001B'],
    ]) {
      const res = await upload(client, name!, 'name\nA\n');
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().issues).toEqual([
        { path: ['file'], code: 'text_invisible_character', params: { character } },
      ]);
    }
    const jobs = await t.db.kysely.selectFrom('import_jobs').select('report').execute();
    expect(jobs.filter((j) => j.report?.includes('vsc'))).toEqual([]);
  });

  it('imports English headers without BOM', async () => {
    const { client } = await setup();
    const csv =
      'name,email,home_prefecture,employment_status\nJohn Smith,john@example.com,Okayama,Contract\n';
    const job = await importFile(client, 'people.csv', csv);
    expect(job.errors).toEqual([]);
    await client.post(`/api/v1/people/imports/${job.id}/commit`, { mode: 'all' });
    expect((await allPeople(client))[0]).toMatchObject({
      name: 'John Smith',
      homePrefecture: '33',
      employmentStatus: 'contract',
    });
  });

  it('detects and reads Shift_JIS (CP932)', async () => {
    const { client } = await setup();
    const csv = `${JA_HEADERS}\r\nS01,髙橋 一郎,タカハシ イチロウ,,,,岡山本社,総務,東京都,役員\r\n`;
    const job = await importFile(client, 'sjis.csv', iconv.encode(csv, 'cp932'));
    expect(job.errors).toEqual([]);
    await client.post(`/api/v1/people/imports/${job.id}/commit`, { mode: 'all' });
    expect((await allPeople(client))[0]).toMatchObject({
      name: '髙橋 一郎',
      nameKana: 'タカハシ イチロウ',
      homePrefecture: '13',
      employmentStatus: 'executive',
    });
  });

  it('refuses an undecodable file with file_encoding_unsupported', async () => {
    const { client } = await setup();
    for (const bytes of [
      iconv.encode('\uFEFF氏名\n山田\n', 'utf16le'),
      Buffer.from([0x81, 0xff, 0xfe, 0x00, 0x9f, 0xfc]),
    ]) {
      const res = await upload(client, 'people.csv', bytes);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('file_encoding_unsupported');
    }
  });

  it('refuses missing and unknown headers, naming them', async () => {
    const { client } = await setup();
    const missing = await upload(client, 'p.csv', 'email,phone\na@example.jp,1\n');
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({
      code: 'file_headers_invalid',
      params: { missing: '氏名 / name' },
    });
    // A header's hidden characters are named, never sent back to be drawn (U+202E would reverse the message).
    const hidden = await upload(client, 'p.csv', '氏名,メモ\u202Egpj\n山田,A\n');
    expect(hidden.json().params).toEqual({ unknown: 'メモ<U+202E>gpj' });
    const unknown = await upload(client, 'p.csv', '氏名,血液型,shoe_size\n山田,A,27\n');
    expect(unknown.json()).toMatchObject({
      code: 'file_headers_invalid',
      params: { unknown: '血液型, shoe_size' },
    });
    const empty = await upload(client, 'p.csv', '');
    expect(empty.json().code).toBe('file_headers_invalid');
    const broken = await upload(client, 'p.csv', '氏名,email\n"unterminated,x\n');
    expect(broken.json()).toMatchObject({ code: 'file_unreadable' });
  });

  it('reports every bad row; mode all writes nothing, valid_only writes the good rows', async () => {
    const { client, orgId } = await setup();
    const csv = [
      JA_HEADERS,
      'E1,良い 一,,,,,岡山本社,,,',
      'E2,,,,,,,,,', // row 3: name missing
      'E3,悪い 三,yamada,bad-mail,12ab,,大阪支店,営業,Atlantis,intern', // row 4
      '',
      'E1,重複,,,,,,,,', // row 6: duplicate employee number
      'E6,良い 六,,,,,,,33,契約社員',
    ].join('\n');
    const job = await importFile(client, 'bad.csv', csv);
    expect(job).toMatchObject({ totalRows: 5, validCount: 2, errorCount: 3 });
    expect(job.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [3, 'name', 'required'],
      [4, 'nameKana', 'invalid_kana'],
      [4, 'email', 'invalid_email'],
      [4, 'phone', 'invalid_phone'],
      [4, 'site', 'unknown_site'],
      [4, 'department', 'unknown_department'],
      [4, 'homePrefecture', 'unknown_prefecture'],
      [4, 'employmentStatus', 'unknown_employment_status'],
      [6, 'employeeNumber', 'duplicate_in_file'],
    ]);
    expect(job.errors.at(-1)?.params).toEqual({ firstRow: 2 });

    const all = await client.post(`/api/v1/people/imports/${job.id}/commit`, { mode: 'all' });
    expect(all.statusCode).toBe(422);
    expect(all.json()).toMatchObject({ code: 'import_has_errors', params: { errorCount: 3 } });
    expect(await allPeople(client)).toEqual([]);
    expect(await auditActions(t, { orgId, action: 'people.import' })).toEqual([]);

    const some = await client.post(`/api/v1/people/imports/${job.id}/commit`, { mode: 'valid_only' });
    expect(some.statusCode).toBe(200);
    expect(some.json().result).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect((await allPeople(client)).map((p) => p.name).sort()).toEqual(['良い 一', '良い 六']);

    const again = await client.post(`/api/v1/people/imports/${job.id}/commit`, { mode: 'valid_only' });
    expect(again.statusCode).toBe(409);
    expect(await allPeople(client)).toHaveLength(2);
    expect((await client.post(`/api/v1/people/imports/${job.id}/commit`, { mode: 'some' })).statusCode).toBe(
      400,
    );
  });

  it('updates people whose employee number exists, touching only the columns in the file', async () => {
    const { client } = await setup();
    const p = (
      await client.post('/api/v1/people', {
        name: '旧姓',
        employeeNumber: 'E9',
        email: 'keep@example.jp',
        phone: '090',
      })
    ).json();
    const job = await importFile(
      client,
      'u.csv',
      '社員番号,氏名,電話番号\nE9,新姓,080-1111-2222\nE10,新人,\n',
    );
    const res = await client.post(`/api/v1/people/imports/${job.id}/commit`, { mode: 'all' });
    expect(res.json().result).toEqual({ created: 1, updated: 1, unchanged: 0 });
    const after = (await client.get(`/api/v1/people/${p.id}`)).json();
    expect(after).toMatchObject({
      name: '新姓',
      email: 'keep@example.jp',
      phone: '080-1111-2222',
      version: 2,
    });
  });

  it('lists at most 10,000 errors, still counting every bad row', async () => {
    const { client } = await setup();
    const job = await importFile(client, 'bad.csv', `name,email\n${',x\n'.repeat(6000)}`);
    expect(job).toMatchObject({ totalRows: 6000, errorCount: 6000, validCount: 0, errorsTruncated: true });
    expect(job.errors).toHaveLength(10_000);
    expect(job.errors[0]).toEqual({ row: 2, field: 'name', code: 'required' });
  });

  it('writes nothing for rows that match a person exactly (re-importing the same file)', async () => {
    const { client } = await setup();
    const csv = `${JA_HEADERS}\nE1,山田,,,,,岡山本社,総務,33,正社員\nE2,佐藤,,,,,,,,\n`;
    const first = await importFile(client, 'a.csv', csv);
    await client.post(`/api/v1/people/imports/${first.id}/commit`, { mode: 'all' });
    const second = await importFile(client, 'a.csv', csv);
    const res = await client.post(`/api/v1/people/imports/${second.id}/commit`, { mode: 'all' });
    expect(res.json().result).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect((await allPeople(client)).map((p) => p.version)).toEqual([1, 1]);
  });

  it('refuses more than 50,000 rows', async () => {
    const { client } = await setup();
    const csv = `name\n${'山田\n'.repeat(50_001)}`;
    const res = await upload(client, 'big.csv', csv);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'file_too_many_rows', params: { maximum: 50000 } });
  });

  it('imports 10,000 rows in the background, reporting progress', async () => {
    const { client } = await setup();
    const lines = [JA_HEADERS];
    for (let i = 0; i < 10_000; i++) {
      lines.push(
        `N${i},社員 ${i},シャイン,user${i}@example.jp,086-000-${String(i).padStart(4, '0')},,岡山本社,総務,岡山,正社員`,
      );
    }
    const res = await upload(client, 'big.csv', lines.join('\n'));
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ totalRows: 10_000, processedRows: 0 });
    const { job, progress } = await waitForJob(client, res.json().id);
    expect(job).toMatchObject({ status: 'done', processedRows: 10_000, validCount: 10_000, errorCount: 0 });
    // Progress only grows, and was visible part-way through.
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    expect(progress.some((n) => n > 0 && n < 10_000)).toBe(true);
    const commit = await client.post(`/api/v1/people/imports/${job.id}/commit`, { mode: 'all' });
    expect(commit.json().result).toEqual({ created: 10_000, updated: 0, unchanged: 0 });
    const count = await t.db.kysely
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(
        'org_id',
        '=',
        (
          await t.db.kysely
            .selectFrom('people')
            .select('org_id')
            .where('employee_number', '=', 'N9999')
            .executeTakeFirstOrThrow()
        ).org_id,
      )
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(10_000);
  });

  it('stores script and SQL payloads from a file as plain text', async () => {
    const { client } = await setup();
    const csv = `氏名,チャットID\n"<script>alert(1)</script>","'; DROP TABLE people; --"\n`;
    const job = await importFile(client, 'x.csv', csv);
    await client.post(`/api/v1/people/imports/${job.id}/commit`, { mode: 'all' });
    expect((await allPeople(client))[0]).toMatchObject({
      name: '<script>alert(1)</script>',
      chatHandle: "'; DROP TABLE people; --",
    });
  });
});

describe('people import: XLSX', () => {
  it('imports a workbook, including numbers and hyperlinked emails', async () => {
    const { client } = await setup();
    const buf = await xlsxBuffer((s) => {
      s.addRow(['社員番号', '氏名', 'メールアドレス', '拠点', '自宅都道府県']);
      s.addRow([
        1001,
        '山田 太郎',
        { text: 'taro@example.jp', hyperlink: 'mailto:taro@example.jp' },
        '岡山本社',
        33,
      ]);
      s.addRow([]);
      s.addRow([1002, '佐藤 花子', null, '倉敷店', '岡山']);
    });
    const job = await importFile(client, 'people.xlsx', buf, 'application/octet-stream');
    expect(job).toMatchObject({ totalRows: 2, validCount: 2, errors: [] });
    await client.post(`/api/v1/people/imports/${job.id}/commit`, { mode: 'all' });
    expect((await allPeople(client)).map((p) => [p.employeeNumber, p.email, p.siteName])).toEqual([
      ['1002', null, '倉敷店'],
      ['1001', 'taro@example.jp', '岡山本社'],
    ]);
  });

  it('reports row numbers as in the spreadsheet', async () => {
    const { client } = await setup();
    const buf = await xlsxBuffer((s) => {
      s.addRow(['name', 'email']);
      s.addRow(['A', 'a@example.jp']);
      s.addRow([]);
      s.addRow(['B', 'nope']);
    });
    const job = await importFile(client, 'p.xlsx', buf);
    expect(job.errors).toEqual([{ row: 4, field: 'email', code: 'invalid_email' }]);
  });

  it('refuses merged cells, wrong headers and files that are not XLSX', async () => {
    const { client } = await setup();
    const merged = await xlsxBuffer((s) => {
      s.addRow(['氏名', '拠点']);
      s.addRow(['山田', '岡山本社']);
      s.addRow(['佐藤', '']);
      s.mergeCells('B2:B3');
    });
    const m = await upload(client, 'merged.xlsx', merged);
    expect(m.statusCode).toBe(400);
    expect(m.json()).toMatchObject({
      code: 'file_unreadable',
      params: { reason: 'merged_cells', cells: 'B2:B3' },
    });

    const wrong = await xlsxBuffer((s) => {
      s.addRow(['Full Name?', 'Mail']);
      s.addRow(['山田', 'x@example.jp']);
    });
    const w = await upload(client, 'wrong.xlsx', wrong);
    expect(w.statusCode).toBe(400);
    expect(w.json()).toMatchObject({
      code: 'file_headers_invalid',
      params: { missing: '氏名 / name', unknown: 'Full Name?' },
    });

    const fake = await upload(client, 'fake.xlsx', 'this is not a workbook');
    expect(fake.json()).toMatchObject({ code: 'file_unreadable', params: { reason: 'not_xlsx' } });
    const zipNotXlsx = await upload(client, 'x.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]));
    expect(zipNotXlsx.json().code).toBe('file_unreadable');
  });
});

describe('people import: HTTP rules', () => {
  it('needs multipart with a file, limits size, and checks roles and organization', async () => {
    const { client, orgId } = await setup();
    const json = await client.post('/api/v1/people/imports', { file: 'x' });
    expect(json.statusCode).toBe(415);
    expect(json.json().code).toBe('unsupported_media_type');

    const boundary = 'b0undary';
    const noFile = await client.post(
      '/api/v1/people/imports',
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhi\r\n--${boundary}--\r\n`,
      ),
      { 'content-type': `multipart/form-data; boundary=${boundary}` },
    );
    expect(noFile.statusCode).toBe(400);

    const tooBig = await upload(client, 'big.csv', Buffer.alloc(20 * 1024 * 1024 + 10, 0x41));
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().code).toBe('payload_too_large');

    // A 2 MB file is fine here even though JSON bodies stop at 1 MB.
    const twoMb = `name\n${'あ'.repeat(100).concat('\n').repeat(7000)}`;
    expect(Buffer.byteLength(twoMb)).toBeGreaterThan(2 * 1024 * 1024);
    expect((await upload(client, 'two.csv', twoMb)).statusCode).toBe(202);

    const { client: member } = await addUserToOrg(t, orgId, 'member');
    expect((await upload(member, 'p.csv', 'name\nA\n')).statusCode).toBe(403);
    const { client: auditor } = await addUserToOrg(t, orgId, 'auditor');
    expect((await upload(auditor, 'p.csv', 'name\nA\n')).statusCode).toBe(403);

    const job = await importFile(client, 'p.csv', 'name\nA\n');
    expect((await member.get(`/api/v1/people/imports/${job.id}`)).statusCode).toBe(403);
    expect((await member.post(`/api/v1/people/imports/${job.id}/commit`, { mode: 'all' })).statusCode).toBe(
      403,
    );
    const other = await createOrgWithUser(t);
    expect((await other.client.get(`/api/v1/people/imports/${job.id}`)).statusCode).toBe(404);
    expect(
      (await other.client.post(`/api/v1/people/imports/${job.id}/commit`, { mode: 'all' })).statusCode,
    ).toBe(404);
    expect((await client.get('/api/v1/people/imports/nope')).statusCode).toBe(404);
    expect(await allPeople(client)).toEqual([]);
  });

  it('reports a job whose validation stopped (no progress for 2 minutes) as interrupted, and will not commit it', async () => {
    const { client, orgId, userId } = await setup();
    const old = new Date(Date.now() - 3 * 60 * 1000).toISOString();
    const id = await insertImportJob(t.db.kysely, {
      orgId,
      userId,
      status: 'running',
      updatedAt: old,
      totalRows: 10,
      processedRows: 5,
    });
    expect((await client.get(`/api/v1/people/imports/${id}`)).json()).toMatchObject({
      status: 'failed',
      processedRows: 5,
      errors: [{ row: 0, code: 'import_interrupted' }],
    });
    const commit = await client.post(`/api/v1/people/imports/${id}/commit`, { mode: 'valid_only' });
    expect(commit.statusCode).toBe(409);
  });
});

describe('people import: sweeping interrupted and abandoned jobs', () => {
  // A database of its own: the sweep covers every organization, and the counts must be exact.
  const s = withTestApp();

  const CSV = `${JA_HEADERS}\r\nE001,山田 太郎,ヤマダ タロウ,,,,岡山本社,総務,岡山県,正社員\r\n`;
  const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
  const MINUTE = 60 * 1000;
  const HOUR = 60 * MINUTE;
  const stored = (id: string) =>
    s.db.kysely
      .selectFrom('import_jobs')
      .select(['status', 'payload', 'report', 'updated_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  it('fails jobs a restart interrupted and checked files left for a day, dropping every payload', async () => {
    const { client, orgId, userId } = await setup(s);
    const other = await setup(s);
    const insertJob = (org: string, status: 'pending' | 'running' | 'committed' | 'failed', at: string) =>
      insertImportJob(s.db.kysely, { orgId: org, userId, status, updatedAt: at });
    const interrupted = await insertJob(orgId, 'running', ago(3 * MINUTE));
    const neverStarted = await insertJob(other.orgId, 'pending', ago(3 * MINUTE));
    const stillRunning = await insertJob(orgId, 'running', ago(10 * 1000));
    const committedLeftover = await insertJob(orgId, 'committed', ago(2 * HOUR));
    const failedLeftover = await insertJob(orgId, 'failed', ago(2 * HOUR));
    // Two files checked for real; one of them waited 25 hours.
    const abandoned = await importFile(client, 'people.csv', CSV);
    const fresh = await importFile(client, 'people.csv', CSV);
    await s.db.kysely
      .updateTable('import_jobs')
      .set({ updated_at: ago(25 * HOUR) })
      .where('id', '=', abandoned.id)
      .execute();

    expect(await imports.sweepImportJobs(s.db)).toEqual({ interrupted: 2, expired: 1, cleared: 2 });

    for (const id of [interrupted, neverStarted]) {
      const row = await stored(id);
      expect(row).toMatchObject({ status: 'failed', payload: null });
      expect(Date.now() - Date.parse(row.updated_at)).toBeLessThan(MINUTE);
    }
    expect(await stored(abandoned.id)).toMatchObject({ status: 'failed', payload: null });
    for (const id of [committedLeftover, failedLeftover]) expect((await stored(id)).payload).toBeNull();
    expect((await stored(committedLeftover)).status).toBe('committed');
    expect(await stored(stillRunning)).toMatchObject({ status: 'running', payload: expect.any(String) });
    expect(await stored(fresh.id)).toMatchObject({ status: 'done', payload: expect.any(String) });

    // What the user sees: why it failed (translated by the web), and that it cannot be committed.
    const seen = (await client.get(`/api/v1/people/imports/${interrupted}`)).json();
    expect(seen).toMatchObject({ status: 'failed', errors: [{ row: 0, code: 'import_interrupted' }] });
    expect((await client.get(`/api/v1/people/imports/${abandoned.id}`)).json()).toMatchObject({
      status: 'failed',
      validCount: 1,
      errors: [{ row: 0, code: 'import_expired', params: { hours: imports.UNCOMMITTED_KEPT_HOURS } }],
    });
    const late = await client.post(`/api/v1/people/imports/${abandoned.id}/commit`, { mode: 'all' });
    expect(late.statusCode).toBe(409);
    expect(await allPeople(client)).toEqual([]);
    // The file checked an hour ago is still there to commit; a second sweep finds nothing to do.
    const ok = await client.post(`/api/v1/people/imports/${fresh.id}/commit`, { mode: 'all' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await imports.sweepImportJobs(s.db)).toEqual({ interrupted: 0, expired: 0, cleared: 0 });
  });

  it('never turns a committed job into a failure, however old', async () => {
    const { client } = await setup(s);
    const job = await importFile(client, 'people.csv', CSV.replace('E001', 'E002'));
    const commit = await client.post(`/api/v1/people/imports/${job.id}/commit`, { mode: 'all' });
    expect(commit.statusCode).toBe(200);
    // Even made to look a day old, a committed job is not turned into a failure.
    await s.db.kysely
      .updateTable('import_jobs')
      .set({ updated_at: ago(25 * HOUR) })
      .where('id', '=', job.id)
      .execute();
    expect((await imports.sweepImportJobs(s.db)).expired).toBe(0);
    expect((await stored(job.id)).status).toBe('committed');
  });
});

describe('people export', () => {
  it('exports CSV (UTF-8 BOM) in Japanese and English that re-imports cleanly into another organization', async () => {
    const a = await setup();
    await a.client.post('/api/v1/people', {
      employeeNumber: 'E1',
      name: '山田 太郎',
      nameKana: 'ヤマダ タロウ',
      email: 'taro@example.jp',
      phone: '+81 86-123-4567',
      chatHandle: '=HYPERLINK("x")',
      siteId: (await a.client.get('/api/v1/sites')).json().items[0].id,
      departmentId: (await a.client.get('/api/v1/departments')).json().items[0].id,
      homePrefecture: '33',
      employmentStatus: 'on_leave',
    });
    await a.client.post('/api/v1/people', { name: '<b>佐藤</b>', employmentStatus: 'temporary' });
    const original = (await allPeople(a.client)).map(comparable);

    for (const lang of ['ja', 'en'] as const) {
      const res = await a.client.get(`/api/v1/people/export?format=csv&lang=${lang}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="people-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = res.rawPayload.toString('utf8');
      expect(text.split('\r\n')[0]).toBe(
        lang === 'ja'
          ? `\uFEFF${JA_HEADERS}`
          : '\uFEFFemployee_number,name,name_kana,email,phone,chat_handle,site,department,home_prefecture,employment_status',
      );
      // A cell that looks like a formula is neutralised for spreadsheets.
      expect(text).toContain(`"'=HYPERLINK(""x"")"`);

      const b = await setup();
      const job = await importFile(b.client, `export.csv`, res.rawPayload);
      expect(job.errors).toEqual([]);
      await b.client.post(`/api/v1/people/imports/${job.id}/commit`, { mode: 'all' });
      expect((await allPeople(b.client)).map(comparable)).toEqual(original);
    }
  });

  it('exports a real XLSX workbook that re-imports cleanly', async () => {
    const a = await setup();
    await a.client.post('/api/v1/people', {
      employeeNumber: '007',
      name: 'Bond',
      homePrefecture: '13',
      phone: '+44 20',
    });
    const original = (await allPeople(a.client)).map(comparable);
    const res = await a.client.get('/api/v1/people/export?format=xlsx&lang=en');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toMatch(/filename="people-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0];
    expect(sheet?.getRow(1).getCell(2).value).toBe('name');
    expect(sheet?.getRow(2).getCell(1).value).toBe('007');
    expect(sheet?.getRow(2).getCell(9).value).toBe('Tokyo');

    const b = await setup();
    const job = await importFile(b.client, 'export.xlsx', res.rawPayload);
    expect(job.errors).toEqual([]);
    await b.client.post(`/api/v1/people/imports/${job.id}/commit`, { mode: 'all' });
    expect((await allPeople(b.client)).map(comparable)).toEqual(original);
  });

  it('is readable with people.read, validates its query, and leaves archived people out unless asked', async () => {
    const { client, orgId } = await setup();
    const p = await createItem(client, 'person', { name: 'Gone' });
    await client.post(`/api/v1/people/${p.id}/archive`);
    const { client: member } = await addUserToOrg(t, orgId, 'member');
    const res = await member.get('/api/v1/people/export?format=csv&lang=en');
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.toString('utf8')).not.toContain('Gone');
    expect(
      (await member.get('/api/v1/people/export?includeArchived=true')).rawPayload.toString('utf8'),
    ).toContain('Gone');
    expect((await member.get('/api/v1/people/export?format=pdf')).statusCode).toBe(400);
    expect((await member.get('/api/v1/people/export?lang=fr')).statusCode).toBe(400);
    expect((await t.app.inject('/api/v1/people/export')).statusCode).toBe(401);
  });
});

function comparable(p: Record<string, unknown>) {
  const { id: _i, siteId: _s, departmentId: _d, createdAt: _c, updatedAt: _u, ...rest } = p;
  return rest;
}

describe('people import: hidden and control characters', () => {
  it('reports cells with control, bidi or zero-width characters as row errors and stores none of them', async () => {
    const { client } = await setup();
    // Excel writes a control character into the file as _xHHHH_ (exceljs drops a raw one on writing).
    const buf = await xlsxBuffer((s) => {
      s.addRow(['社員番号', '氏名', 'チャットID']);
      s.addRow(['E1', '山田_x0000_太郎', '']);
      s.addRow(['E2', 'gpj.exe\u202Eabc', '']);
      s.addRow(['E3', '佐藤 花子', '@hana\u200B']);
      s.addRow(['E4', '_x001B_[31m赤', '']);
      s.addRow(['E5', '鈴木_x009B_一郎', '']);
      s.addRow(['E6', '普通 六郎', '']);
    });
    const job = await importFile(client, 'people.xlsx', buf, 'application/octet-stream');
    expect(job).toMatchObject({ totalRows: 6, validCount: 1, errorCount: 5 });
    expect(job.errors).toEqual([
      { row: 2, field: 'name', code: 'text_invisible_character', params: { character: 'U+0000' } },
      { row: 3, field: 'name', code: 'text_invisible_character', params: { character: 'U+202E' } },
      { row: 4, field: 'chatHandle', code: 'text_invisible_character', params: { character: 'U+200B' } },
      { row: 5, field: 'name', code: 'text_invisible_character', params: { character: 'U+001B' } },
      { row: 6, field: 'name', code: 'text_invisible_character', params: { character: 'U+009B' } },
    ]);
    // A CSV with a stray control character is still text: that row is named, the others import.
    const csv = `氏名,チャットID\n"ok ‮name",x\n"\u001b[31m赤",\n"垂直\u000bタブ",\n正常 太郎,\n`;
    const fromCsv = await importFile(client, 'x.csv', csv);
    expect(fromCsv).toMatchObject({ status: 'done', validCount: 1, errorCount: 3 });
    expect(fromCsv.errors).toEqual([
      { row: 2, field: 'name', code: 'text_invisible_character', params: { character: 'U+202E' } },
      { row: 3, field: 'name', code: 'text_invisible_character', params: { character: 'U+001B' } },
      { row: 4, field: 'name', code: 'text_invisible_character', params: { character: 'U+000B' } },
    ]);
    await client.post(`/api/v1/people/imports/${job.id}/commit`, { mode: 'valid_only' });
    expect((await allPeople(client)).map((p) => p.name)).toEqual(['普通 六郎']);
  });
});
