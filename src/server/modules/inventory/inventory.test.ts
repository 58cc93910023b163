import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadWorkbook } from '../../files/xlsx.js';
import { nowIso } from '../../ids.js';
import { commitImportJob, createItem, fileUpload, importFile } from '../../test/factories.js';
import {
  addUserToOrg,
  auditActions,
  createOrgWithUser,
  type TestClient,
  withTestApp,
} from '../../test/harness.js';
import * as repo from './repo.js';

const t = withTestApp();

const API = '/api/v1/inventory';

/** The raw answer to adding an edge: these tests check refusals too (linkNodes expects 201). */
async function edge(client: TestClient, fromType: string, fromId: string, toType: string, toId: string) {
  return client.post(`${API}/edges`, { fromType, fromId, toType, toId });
}

/**
 * Uploads a register's file, waits for its check and, unless only checking, commits it: the job
 * as it ended (`result` holds what was written).
 */
async function importRegister(
  client: TestClient,
  register: string,
  file: Buffer,
  mode: 'validate' | 'all' | 'valid_only' = 'all',
  fileName = 'x.xlsx',
) {
  const path = `${API}/${register}/imports`;
  const job = await importFile(client, path, fileName, file);
  expect(job.status, JSON.stringify(job.errors)).toBe('done');
  if (mode === 'validate') return job;
  return commitImportJob(client, path, job.id, mode);
}

/** The raw answer to uploading a file (for refusals of the file as a whole). */
async function uploadRegister(client: TestClient, register: string, file: Buffer, fileName = 'x.xlsx') {
  const { body, headers } = fileUpload(fileName, file);
  return client.post(`${API}/${register}/imports`, body, headers);
}

async function workbook(rows: (string | number)[][], merge?: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('x');
  for (const r of rows) sheet.addRow(r);
  if (merge) sheet.mergeCells(merge);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('inventory registers', () => {
  it('creates, reads, updates with If-Match, archives and unarchives an operation, audited', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    const person = await createItem(client, 'person', { name: '受付 花子' });
    const op = await createItem(client, 'operation', {
      name: '会員入会受付',
      description: '新規会員の入会手続き',
      ownerPersonId: person.id,
      importance: 3,
      needsData: ['会員情報'],
      needsTerminals: ['受付PC'],
      needsProcedureManuals: ['入会手順書'],
      needsUserManuals: ['会員システム操作マニュアル'],
    });
    const got = await client.get(`${API}/operations/${op.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.headers.etag).toBe('"1"');
    expect(got.json()).toMatchObject({
      name: '会員入会受付',
      ownerPersonId: person.id,
      ownerPersonName: '受付 花子',
      importance: 3,
      dependencyLevel: null,
      needsData: ['会員情報'],
      needsTerminals: ['受付PC'],
      archivedAt: null,
    });

    const noMatch = await client.patch(`${API}/operations/${op.id}`, { importance: 2 });
    expect(noMatch.statusCode).toBe(428);
    const stale = await client.patch(`${API}/operations/${op.id}`, { importance: 2 }, { 'if-match': '"9"' });
    expect(stale.statusCode).toBe(412);
    const upd = await client.patch(
      `${API}/operations/${op.id}`,
      { importance: 2, rtoOverride: { kind: 'duration', minutes: 180 } },
      { 'if-match': '"1"' },
    );
    expect(upd.statusCode).toBe(200);
    expect(upd.json()).toMatchObject({
      importance: 2,
      rtoOverride: { kind: 'duration', minutes: 180 },
      version: 2,
    });

    const arch = await client.post(`${API}/operations/${op.id}/archive`, {}, { 'if-match': '"2"' });
    expect(arch.statusCode).toBe(200);
    expect(arch.json().archivedAt).not.toBeNull();
    expect((await client.get(`${API}/operations`)).json().items).toHaveLength(0);
    expect((await client.get(`${API}/operations?includeArchived=true`)).json().items).toHaveLength(1);
    const un = await client.post(`${API}/operations/${op.id}/unarchive`, {}, { 'if-match': '"3"' });
    expect(un.json().archivedAt).toBeNull();

    expect(await auditActions(t, { orgId, entityId: op.id })).toEqual([
      'operation.create',
      'operation.update',
      'operation.archive',
      'operation.unarchive',
    ]);
  });

  it('keeps each register: systems, components, suppliers with their fields', async () => {
    const { client } = await createOrgWithUser(t);
    const sys = await createItem(client, 'system', {
      name: '顧客DBサーバー',
      ownerText: '情報システム担当',
      vendor: 'ABCシステム',
      hosting: 'on_premises',
      dataLocation: '本社サーバー室',
      eolDate: '2027-03-31',
      dependencyLevel: 3,
      declaredRto: { kind: 'duration', minutes: 1440 },
    });
    expect(sys).toMatchObject({ hosting: 'on_premises', eolDate: '2027-03-31', dependencyLevel: 3 });
    const comp = await createItem(client, 'component', { name: 'UPS', layer: 2, side: 'server' });
    expect(comp).toMatchObject({ layer: 2, side: 'server', declaredRto: null });
    const sup = await createItem(client, 'supplier', {
      name: '地元ISP',
      kind: 'isp',
      contact: '086-000-0000',
      contractNotes: '24時間サポート',
      declaredRto: { kind: 'at_least', minutes: 4320 },
    });
    expect(sup).toMatchObject({ kind: 'isp', declaredRto: { kind: 'at_least', minutes: 4320 } });
  });

  it('refuses bad input naming the field: duplicate name, unknown level, unknown person, bad RTO', async () => {
    const { client } = await createOrgWithUser(t);
    await createItem(client, 'system', { name: 'ファイルサーバー' });
    const dup = await client.post(`${API}/systems`, { name: 'ファイルサーバー' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'duplicate', params: { field: 'name' } });

    // The default scale is 3: level 4 is unknown.
    const level = await client.post(`${API}/operations`, { name: '給与計算', importance: 4 });
    expect(level.statusCode).toBe(400);
    expect(level.json().issues).toEqual([
      { path: ['importance'], code: 'level_unknown', params: { level: 4, scale: 3 } },
    ]);
    const person = await client.post(`${API}/operations`, { name: '給与計算', ownerPersonId: 'nobody' });
    expect(person.json().issues[0]).toMatchObject({ path: ['ownerPersonId'], code: 'unknown_person' });
    const rto = await client.post(`${API}/systems`, {
      name: 'メール',
      declaredRto: { kind: 'duration', minutes: -5 },
    });
    expect(rto.statusCode).toBe(400);
    expect(rto.json().issues[0].path).toEqual(['declaredRto', 'minutes']);
    const absurd = await client.post(`${API}/systems`, {
      name: 'メール',
      declaredRto: { kind: 'duration', minutes: 10_000_000 },
    });
    expect(absurd.statusCode).toBe(400);
    const layer = await client.post(`${API}/components`, { name: 'PC', layer: 6, side: 'client' });
    expect(layer.statusCode).toBe(400);
    const nothing = await client.get(`${API}/operations`);
    expect(nothing.json().items).toEqual([]);
  });

  it('lists with search, filters, sorting and cursor pagination', async () => {
    const { client } = await createOrgWithUser(t);
    for (let i = 0; i < 7; i++)
      await createItem(client, 'system', {
        name: `sys-${String(i).padStart(2, '0')}`,
        hosting: i % 2 ? 'cloud' : 'saas',
        description: i === 3 ? '会員データベース' : null,
        eolDate: `202${i}-01-01`,
      });
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await client.get(`${API}/systems?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      names.push(...res.json().items.map((s: { name: string }) => s.name));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(names).toEqual(['sys-00', 'sys-01', 'sys-02', 'sys-03', 'sys-04', 'sys-05', 'sys-06']);

    const desc: string[] = [];
    cursor = null;
    do {
      const res = await client.get(`${API}/systems?limit=4&sort=-name${cursor ? `&cursor=${cursor}` : ''}`);
      desc.push(...res.json().items.map((s: { name: string }) => s.name));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(desc).toEqual([...names].reverse());

    const cloud = (await client.get(`${API}/systems?hosting=cloud`)).json().items;
    expect(cloud.map((s: { name: string }) => s.name)).toEqual(['sys-01', 'sys-03', 'sys-05']);
    const q = (await client.get(`${API}/systems?q=${encodeURIComponent('データベース')}`)).json().items;
    expect(q.map((s: { name: string }) => s.name)).toEqual(['sys-03']);
    const eol = (await client.get(`${API}/systems?eolBefore=2022-06-30`)).json().items;
    expect(eol).toHaveLength(3);
    expect((await client.get(`${API}/systems?cursor=garbage`)).statusCode).toBe(400);
    expect((await client.get(`${API}/systems?hosting=moon`)).statusCode).toBe(400);
  });

  it('writes a row only at the version read and only in its organization (the guard a race meets)', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    const other = await createOrgWithUser(t);
    const sys = await createItem(client, 'system', { name: '会員DBサーバー', dependencyLevel: 3 });
    const update = (org: string, version: number, vendor: string) =>
      repo.updateRow(t.db.kysely, org, 'it_systems', sys.id, version, { vendor, updated_at: nowIso() });
    expect(await update(other.orgId, 1, '他社')).toBe(0);
    expect(await update(orgId, 2, '未来の版')).toBe(0);
    expect(await update(orgId, 1, 'ベンダーA')).toBe(1);
    expect(await update(orgId, 1, '同じ版でもう一度')).toBe(0);
    const got = await client.get(`${API}/systems/${sys.id}`);
    expect(got.headers.etag).toBe('"2"');
    expect(got.json()).toMatchObject({ vendor: 'ベンダーA', version: 2 });
    const stale = await client.patch(`${API}/systems/${sys.id}`, { vendor: 'B' }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().code).toBe('version_conflict');
  });

  it('lets every member read and only owner/admin write', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    await createItem(client, 'supplier', { name: '電力会社', kind: 'utility' });
    for (const role of ['member', 'auditor', 'hq', 'facilitator'] as const) {
      const other = await addUserToOrg(t, orgId, role);
      expect((await other.client.get(`${API}/suppliers`)).json().items).toHaveLength(1);
      expect(
        (await other.client.post(`${API}/suppliers`, { name: `x-${role}`, kind: 'other' })).statusCode,
      ).toBe(403);
    }
    const admin = await addUserToOrg(t, orgId, 'admin');
    expect((await admin.client.post(`${API}/suppliers`, { name: 'y', kind: 'other' })).statusCode).toBe(201);
  });
});

describe('dependency edges', () => {
  it('links the allowed kinds, refuses cycles naming them, duplicates, wrong kinds and other orgs', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    const op = await createItem(client, 'operation', { name: '会員チェックイン' });
    const web = await createItem(client, 'system', { name: '会員Web' });
    const db = await createItem(client, 'system', { name: '顧客DB' });
    const nas = await createItem(client, 'system', { name: 'NAS' });
    const ups = await createItem(client, 'component', { name: 'UPS', layer: 2, side: 'server' });
    const isp = await createItem(client, 'supplier', { name: 'ISP', kind: 'isp' });

    for (const [ft, f, tt, to] of [
      ['operation', op.id, 'system', web.id],
      ['system', web.id, 'system', db.id],
      ['system', db.id, 'system', nas.id],
      ['system', nas.id, 'component', ups.id],
      ['component', ups.id, 'supplier', isp.id],
      ['system', web.id, 'supplier', isp.id],
    ] as const) {
      const res = await edge(client, ft, f, tt, to);
      expect(res.statusCode, res.body).toBe(201);
    }
    const cycle = await edge(client, 'system', nas.id, 'system', web.id);
    expect(cycle.statusCode).toBe(409);
    expect(cycle.json()).toMatchObject({
      code: 'graph_cycle',
      params: { cycle: 'NAS → 会員Web → 顧客DB → NAS', cycleIds: [nas.id, web.id, db.id, nas.id].join(',') },
    });
    const self = await edge(client, 'system', db.id, 'system', db.id);
    expect(self.json().code).toBe('graph_cycle');
    const dup = await edge(client, 'system', web.id, 'system', db.id);
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'duplicate', params: { field: 'edge' } });
    const kind = await edge(client, 'supplier', isp.id, 'system', web.id);
    expect(kind.statusCode).toBe(400);
    expect(kind.json().code).toBe('edge_kind_not_allowed');
    const wrongType = await edge(client, 'component', web.id, 'supplier', isp.id);
    expect(wrongType.json().issues).toEqual([{ path: ['fromId'], code: 'unknown_node' }]);

    const other = await createOrgWithUser(t);
    const foreign = await createItem(other.client, 'system', { name: '他社システム' });
    const cross = await edge(client, 'system', web.id, 'system', foreign.id);
    expect(cross.statusCode).toBe(400);
    expect(cross.json().issues).toEqual([{ path: ['toId'], code: 'unknown_node' }]);
    const crossBack = await edge(other.client, 'system', foreign.id, 'system', web.id);
    expect(crossBack.statusCode).toBe(400);

    const graph = (await client.get(`${API}/graph`)).json();
    expect(graph.nodes).toHaveLength(6);
    expect(graph.edges).toHaveLength(6);
    const touching = (await client.get(`${API}/edges?nodeId=${web.id}`)).json();
    expect(touching.items).toHaveLength(3);
    const page = (await client.get(`${API}/edges?limit=4`)).json();
    expect(page.items).toHaveLength(4);
    const rest = (await client.get(`${API}/edges?limit=4&cursor=${page.nextCursor}`)).json();
    expect(rest.items).toHaveLength(2);
    expect(rest.nextCursor).toBeNull();

    // Archiving hides the node (and its edges) from the graph, keeps them stored.
    await client.post(`${API}/systems/${nas.id}/archive`, {}, { 'if-match': '"1"' });
    const g2 = (await client.get(`${API}/graph`)).json();
    expect(g2.nodes).toHaveLength(5);
    expect(g2.edges).toHaveLength(4);

    const edgeId = touching.items[0].id;
    expect((await client.delete(`${API}/edges/${edgeId}`)).statusCode).toBe(204);
    expect((await client.delete(`${API}/edges/${edgeId}`)).statusCode).toBe(404);
    const audit = await auditActions(t, { orgId, entityType: 'dependency_edge' });
    expect(audit.filter((a) => a === 'edge.create')).toHaveLength(6);
    expect(audit.filter((a) => a === 'edge.delete')).toHaveLength(1);
  });
});

describe('inventory XLSX import and export', () => {
  it('exports a register and imports it back, updating by name', async () => {
    const { client } = await createOrgWithUser(t);
    await createItem(client, 'operation', {
      name: '月謝請求',
      importance: 3,
      needsData: ['会員情報', '口座情報'],
    });
    const exp = await client.get(`${API}/operations/export?lang=ja`);
    expect(exp.statusCode).toBe(200);
    expect(String(exp.headers['content-type'])).toContain('spreadsheetml');
    const wb = await loadWorkbook(exp.rawPayload);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('業務名');
    expect(sheet.getRow(2).getCell(1).value).toBe('月謝請求');
    expect(sheet.getRow(2).getCell(7).value).toBe('会員情報\n口座情報');

    const file = await workbook([
      ['業務名', '業務重要度', '必要なデータ'],
      ['月謝請求', 2, '会員情報'],
      ['給与計算', 1, '勤怠\n給与'],
    ]);
    const checked = await importRegister(client, 'operations', file, 'validate');
    expect(checked).toMatchObject({
      kind: 'inventory:operations',
      format: 'xlsx',
      totalRows: 2,
      validCount: 2,
      errorCount: 0,
      preview: { created: 1, updated: 1, unchanged: 0 },
      result: null,
    });
    // Checked, previewed, and nothing written yet.
    expect(
      (await client.get(`${API}/operations`)).json().items.map((o: { importance: number }) => o.importance),
    ).toEqual([3]);
    const done = await commitImportJob(client, `${API}/operations/imports`, checked.id, 'all');
    expect(done).toMatchObject({ status: 'committed', result: { created: 1, updated: 1, unchanged: 0 } });
    const items = (await client.get(`${API}/operations`)).json().items;
    expect(items.map((o: { name: string; importance: number }) => [o.name, o.importance])).toEqual([
      ['月謝請求', 2],
      ['給与計算', 1],
    ]);
    expect(items[1].needsData).toEqual(['勤怠', '給与']);
  });

  it('writes recovery times as words and reads them back in either language; unreadable ones are named', async () => {
    const { client } = await createOrgWithUser(t);
    await createItem(client, 'system', {
      name: '顧客管理',
      declaredRto: { kind: 'duration', minutes: 4320 },
    });
    await createItem(client, 'system', { name: 'VPN', declaredRto: { kind: 'at_least', minutes: 10080 } });
    await createItem(client, 'system', { name: '古い会計', declaredRto: { kind: 'risk_accepted' } });
    await createItem(client, 'system', { name: 'メール' });
    const exported = async (lang: 'ja' | 'en') => {
      const res = await client.get(`${API}/systems/export?lang=${lang}`);
      const wb = await loadWorkbook(res.rawPayload);
      const sheet = wb.worksheets[0]!;
      const values = sheet.getRow(1).values;
      const header = Array.isArray(values) ? values.slice(1) : [];
      const col = header.indexOf(lang === 'ja' ? '復旧見込み時間' : 'Expected recovery time') + 1;
      expect(col).toBeGreaterThan(0);
      const out: [unknown, unknown][] = [];
      for (let r = 2; r <= sheet.rowCount; r++)
        out.push([sheet.getRow(r).getCell(1).value, sheet.getRow(r).getCell(col).value ?? '']);
      return { out, file: Buffer.from(await wb.xlsx.writeBuffer()) };
    };
    const ja = await exported('ja');
    expect(ja.out).toEqual([
      ['VPN', '7日以上'],
      ['メール', ''],
      ['古い会計', 'リスク受容'],
      ['顧客管理', '3日'],
    ]);
    expect((await exported('en')).out).toEqual([
      ['VPN', '7 days or more'],
      ['メール', ''],
      ['古い会計', 'risk accepted'],
      ['顧客管理', '3 days'],
    ]);
    // The exported file imports back unchanged.
    const again = await importRegister(client, 'systems', ja.file);
    expect(again).toMatchObject({ errorCount: 0, result: { updated: 0, unchanged: 4, created: 0 } });
    const rtoOf = async () =>
      Object.fromEntries(
        (await client.get(`${API}/systems`))
          .json()
          .items.map((s: { name: string; declaredRto: unknown }) => [s.name, s.declaredRto]),
      );
    expect(await rtoOf()).toEqual({
      VPN: { kind: 'at_least', minutes: 10080 },
      メール: null,
      古い会計: { kind: 'risk_accepted' },
      顧客管理: { kind: 'duration', minutes: 4320 },
    });

    // Typed by hand: other words, full-width digits, English; a bare number and nonsense are refused.
    const typed = await workbook([
      ['システム名', '実際に戻せる時間'],
      ['メール', '１２時間以内'],
      ['顧客管理', 'within 2 days'],
      ['VPN', '3'],
      ['古い会計', 'そのうち'],
      ['新しい会計', '400日'],
    ]);
    const res = await importRegister(client, 'systems', typed, 'valid_only');
    expect(res).toMatchObject({ errorCount: 3, result: { updated: 2, created: 0 } });
    expect(res.errors).toEqual([
      { row: 4, field: 'declaredRto', code: 'rto_unreadable' },
      { row: 5, field: 'declaredRto', code: 'rto_unreadable' },
      { row: 6, field: 'declaredRto', code: 'rto_too_long', params: { maximum: 525600 } },
    ]);
    expect(await rtoOf()).toEqual({
      VPN: { kind: 'at_least', minutes: 10080 },
      メール: { kind: 'duration', minutes: 720 },
      古い会計: { kind: 'risk_accepted' },
      顧客管理: { kind: 'duration', minutes: 2880 },
    });
  });

  it('reports row errors with row numbers; all-or-nothing vs valid rows; validate saves nothing', async () => {
    const { client } = await createOrgWithUser(t);
    const file = await workbook([
      ['name', 'hosting', 'dependency_level', 'eol_date'],
      ['会計', 'cloud', 2, '2030-01-01'],
      ['', 'cloud', 1, ''],
      ['メール', 'moon', 1, ''],
      ['会計', 'saas', 9, ''],
    ]);
    const v = await importRegister(client, 'systems', file, 'validate');
    expect(v).toMatchObject({ totalRows: 4, validCount: 1, errorCount: 3, preview: { created: 1 } });
    expect(v.errors).toEqual([
      { row: 3, field: 'name', code: 'required' },
      { row: 4, field: 'hosting', code: 'choice_unknown' },
      { row: 5, field: 'dependencyLevel', code: 'too_large' },
    ]);
    expect((await client.get(`${API}/systems`)).json().items).toHaveLength(0);

    const a = await client.post(`${API}/systems/imports/${v.id}/commit`, { mode: 'all' });
    expect(a.statusCode).toBe(422);
    expect(a.json()).toMatchObject({ code: 'import_has_errors', params: { errorCount: 3 } });
    expect((await client.get(`${API}/systems`)).json().items).toHaveLength(0);

    const s = await commitImportJob(client, `${API}/systems/imports`, v.id, 'valid_only');
    expect(s).toMatchObject({ errorCount: 3, result: { created: 1 } });
    // A job commits once.
    const twice = await client.post(`${API}/systems/imports/${v.id}/commit`, { mode: 'valid_only' });
    expect(twice.statusCode).toBe(409);
    expect((await client.get(`${API}/systems`)).json().items.map((x: { name: string }) => x.name)).toEqual([
      '会計',
    ]);
  });

  it('refuses wrong headers, merged cells, non-XLSX files and duplicates within the file', async () => {
    const { client } = await createOrgWithUser(t);
    const post = (buf: Buffer) => uploadRegister(client, 'suppliers', buf);
    const wrong = await post(
      await workbook([
        ['名前', 'kind'],
        ['x', 'isp'],
      ]),
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({
      code: 'file_headers_invalid',
      params: { missing: '取引先名', unknown: '名前' },
    });
    const merged = await post(
      await workbook(
        [
          ['name', 'kind'],
          ['x', 'isp'],
          ['y', 'isp'],
        ],
        'A2:B2',
      ),
    );
    expect(merged.json()).toMatchObject({
      code: 'file_unreadable',
      params: { reason: 'merged_cells', cells: 'A2:B2' },
    });
    // The same reader as the people import: a CSV is read too (UTF-8 or Shift_JIS); an old .xls is refused.
    const xls = await post(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    expect(xls.json()).toMatchObject({ code: 'file_unreadable', params: { reason: 'not_xlsx' } });
    const csv = await importRegister(
      client,
      'suppliers',
      Buffer.from('name,kind\nx,回線業者（ISP）\n'),
      'validate',
      'suppliers.csv',
    );
    expect(csv).toMatchObject({ format: 'csv', validCount: 1, errorCount: 0 });
    const dup = await importRegister(
      client,
      'suppliers',
      await workbook([
        ['name', 'kind'],
        ['x', 'isp'],
        ['x', 'cloud'],
      ]),
      'validate',
    );
    expect(dup.errors).toEqual([
      { row: 3, field: 'name', code: 'duplicate_in_file', params: { firstRow: 2 } },
    ]);
    const badMode = await client.post(`${API}/suppliers/imports/${dup.id}/commit`, { mode: 'everything' });
    expect(badMode.statusCode).toBe(400);
    expect((await client.post(`${API}/suppliers/imports`, { file: 'x' })).statusCode).toBe(415);
    expect((await client.get(`${API}/suppliers`)).json().items).toHaveLength(0);
  });
});

describe('dates that do not exist', () => {
  it('refuses an end-of-life date that is not on the calendar, typed or imported; leap days right', async () => {
    const { client } = await createOrgWithUser(t);
    for (const eolDate of [
      '2024-02-30',
      '2023-02-29',
      '2024-13-45',
      '0000-00-00',
      '2100-02-29',
      '2024-04-31',
    ]) {
      const res = await client.post(`${API}/systems`, { name: `s ${eolDate}`, eolDate });
      expect(res.statusCode, eolDate).toBe(400);
      expect(res.json().issues, eolDate).toEqual([{ path: ['eolDate'], code: 'date_does_not_exist' }]);
    }
    const format = await client.post(`${API}/systems`, { name: 'x', eolDate: '2024/02/01' });
    expect(format.json().issues).toEqual([{ path: ['eolDate'], code: 'invalid_date' }]);
    for (const eolDate of ['2024-02-29', '2000-02-29', '2027-12-31'])
      expect((await createItem(client, 'system', { name: `ok ${eolDate}`, eolDate })).name).toBe(
        `ok ${eolDate}`,
      );
    const sys = await createItem(client, 'system', { name: 'edit me' });
    const patched = await client.patch(
      `${API}/systems/${sys.id}`,
      { eolDate: '2023-02-29' },
      { 'if-match': '"1"' },
    );
    expect(patched.statusCode).toBe(400);

    const file = await workbook([
      ['name', 'eol_date'],
      ['会計', '2023-02-29'],
      ['メール', '2024-02-29'],
    ]);
    const res = await importRegister(client, 'systems', file, 'valid_only');
    expect(res).toMatchObject({ errorCount: 1, result: { created: 1 } });
    expect(res.errors).toEqual([{ row: 2, field: 'eolDate', code: 'date_does_not_exist' }]);
  });
});

describe('office dates out of range', () => {
  it('a date cell beyond the calendar is a row error, not a failed import', async () => {
    const { client } = await createOrgWithUser(t);
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('x');
    sheet.addRow(['name', 'eol_date']);
    sheet.addRow(['会計', 1e20]).getCell(2).numFmt = 'yyyy-mm-dd';
    sheet.addRow(['メール', 46_022]).getCell(2).numFmt = 'yyyy-mm-dd';
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await importRegister(client, 'systems', file, 'valid_only');
    expect(res).toMatchObject({ errorCount: 1, result: { created: 1 } });
    expect(res.errors).toEqual([{ row: 2, field: 'eolDate', code: 'invalid_date' }]);
    const items = (await client.get(`${API}/systems`)).json().items;
    expect(items.map((s: { name: string; eolDate: string }) => [s.name, s.eolDate])).toEqual([
      ['メール', '2025-12-31'],
    ]);
  });
});

describe('hidden and control characters in an imported register', () => {
  it('reports them as row errors; a description keeps its line breaks', async () => {
    const { client } = await createOrgWithUser(t);
    // Excel writes a control character into the file as _xHHHH_ (exceljs drops a raw one on writing).
    const file = await workbook([
      ['name', 'description', 'vendor'],
      ['会計\u202Etxt', '', ''],
      ['メール', '一行目\n二行目', 'ベンダー_x0000_'],
      ['勤怠', '_x001B_[2J消える', ''],
      ['給与', '一行目\n二行目', '普通'],
    ]);
    const res = await importRegister(client, 'systems', file, 'valid_only');
    expect(res).toMatchObject({ errorCount: 3, result: { created: 1 } });
    const header = await workbook([
      ['name', 'メモ\u2066x'],
      ['a', 'b'],
    ]);
    expect((await uploadRegister(client, 'systems', header)).json().params).toMatchObject({
      unknown: 'メモ<U+2066>x',
    });
    expect(res.errors).toEqual([
      { row: 2, field: 'name', code: 'text_invisible_character', params: { character: 'U+202E' } },
      { row: 3, field: 'vendor', code: 'text_invisible_character', params: { character: 'U+0000' } },
      { row: 4, field: 'description', code: 'text_invisible_character', params: { character: 'U+001B' } },
    ]);
    const items = (await client.get(`${API}/systems`)).json().items;
    expect(items.map((s: { name: string; description: string }) => [s.name, s.description])).toEqual([
      ['給与', '一行目\n二行目'],
    ]);
  });
});
