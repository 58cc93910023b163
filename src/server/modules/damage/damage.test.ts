import { describe, expect, it } from 'vitest';
import { RETAILER_LEAK_AMOUNTS } from '../../../domain/test-fixtures.js';
import { createItem } from '../../test/factories.js';
import {
  addUserToOrg,
  auditActions,
  auditEntries,
  createOrgWithUser,
  withTestApp,
} from '../../test/harness.js';

const t = withTestApp();

const API = '/api/v1/damage';

describe('damage estimates', () => {
  it('serves the two 001 cases as presets with their totals (golden figures)', async () => {
    const { client } = await createOrgWithUser(t);
    const res = await client.get(`${API}/presets`);
    expect(res.statusCode).toBe(200);
    const { presets, categories } = res.json();
    expect(categories).toHaveLength(7);
    expect(
      presets.map((p: { id: string; totalYen: number; shareOfSalesPercent: number }) => [
        p.id,
        p.totalYen,
        p.shareOfSalesPercent,
      ]),
    ).toEqual([
      ['manufacturer-ransomware', 10_400_000, 1],
      ['retailer-member-data-leak', 35_700_000, 12],
    ]);
  });

  it('creates an estimate from a preset, attached to an operation, with total and % of sales', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    const op = await createItem(client, 'operation', { name: '通販サイト運営' });
    const res = await client.post(`${API}/estimates`, {
      name: '会員情報漏えい',
      presetId: 'retailer-member-data-leak',
      operationId: op.id,
      annualSalesYen: 300_000_000,
      amounts: RETAILER_LEAK_AMOUNTS,
    });
    expect(res.statusCode, res.body).toBe(201);
    const e = res.json();
    expect(e).toMatchObject({
      totalYen: 35_700_000,
      shareOfSalesBasisPoints: 1190,
      shareOfSalesPercent: 12,
      groups: { liability: 4_000_000, cost: 27_700_000, profit: 4_000_000 },
      operationId: op.id,
      systemId: null,
      version: 1,
    });

    const upd = await t.app.inject({ method: 'GET', url: `${API}/estimates/${e.id}` });
    expect(upd.statusCode).toBe(401);
    const got = await client.get(`${API}/estimates/${e.id}`);
    expect(got.json()).toEqual(e);
    const patched = await client.patch(
      `${API}/estimates/${e.id}`,
      {
        amounts: { investigation_recovery: 10_000_000, lost_profit: 400_000 },
        annualSalesYen: 1_000_000_000,
      },
      { 'if-match': '"1"' },
    );
    expect(patched.json()).toMatchObject({ totalYen: 10_400_000, shareOfSalesPercent: 1, version: 2 });
    expect(patched.json().amounts.compensation).toBe(0);
    const noSales = await client.patch(
      `${API}/estimates/${e.id}`,
      { annualSalesYen: null },
      { 'if-match': '"2"' },
    );
    expect(noSales.json()).toMatchObject({ shareOfSalesPercent: null, shareOfSalesBasisPoints: null });

    const list = (await client.get(`${API}/estimates?operationId=${op.id}`)).json();
    expect(list.items).toHaveLength(1);
    expect((await client.get(`${API}/estimates?operationId=other`)).json().items).toHaveLength(0);
    expect((await client.delete(`${API}/estimates/${e.id}`)).statusCode).toBe(204);
    expect((await client.get(`${API}/estimates/${e.id}`)).statusCode).toBe(404);
    expect(await auditActions(t, { orgId, entityId: e.id })).toEqual([
      'damage.create',
      'damage.update',
      'damage.update',
      'damage.delete',
    ]);
  });

  it('keeps every amount in the audit trail, 調査・復旧費用 (investigation_recovery) included', async () => {
    const { client } = await createOrgWithUser(t);
    const amounts = { investigation_recovery: 16_500_000, customer_response: 6_000_000 };
    const res = await client.post(`${API}/estimates`, { name: '会員情報漏えい', amounts });
    expect(res.statusCode, res.body).toBe(201);
    const entries = (await client.get(`/api/v1/audit?action=damage.`)).json().items;
    expect(entries.map((e: { summary: unknown }) => e.summary)).toEqual([
      {
        after: { name: '会員情報漏えい', totalYen: 22_500_000, amounts: expect.objectContaining(amounts) },
      },
    ]);
  });

  it('refuses negative, fractional and absurd amounts, unknown categories and links', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    const bad = async (body: Record<string, unknown>) => {
      const res = await client.post(`${API}/estimates`, { name: 'x', amounts: {}, ...body });
      expect(res.statusCode).toBe(400);
      return res.json().issues;
    };
    expect((await bad({ amounts: { compensation: -1 } }))[0].path).toEqual(['amounts', 'compensation']);
    expect((await bad({ amounts: { compensation: 1.5 } }))[0].path).toEqual(['amounts', 'compensation']);
    expect((await bad({ annualSalesYen: 2_000_000_000_000 }))[0].path).toEqual(['annualSalesYen']);
    expect((await bad({ amounts: { bribes: 1 } }))[0].code).toBe('unrecognized_keys');
    expect(await bad({ operationId: 'nope' })).toEqual([
      { path: ['operationId'], code: 'unknown_operation' },
    ]);
    expect(await bad({ systemId: 'nope' })).toEqual([{ path: ['systemId'], code: 'unknown_system' }]);
    expect(await bad({ presetId: 'nope' })).toEqual([{ path: ['presetId'], code: 'unknown_preset' }]);
    const other = await createOrgWithUser(t);
    const foreign = await createItem(other.client, 'system', { name: 'よそ' });
    expect(await bad({ systemId: foreign.id })).toEqual([{ path: ['systemId'], code: 'unknown_system' }]);
    expect((await client.get(`${API}/estimates`)).json().items).toEqual([]);
    const e = (await client.post(`${API}/estimates`, { name: 'ok', amounts: { lost_profit: 1 } })).json();
    expect((await client.patch(`${API}/estimates/${e.id}`, { name: 'y' })).statusCode).toBe(428);
    expect(
      (await client.patch(`${API}/estimates/${e.id}`, { name: 'y' }, { 'if-match': '"5"' })).statusCode,
    ).toBe(412);
    const auditor = await addUserToOrg(t, orgId, 'auditor');
    expect((await auditor.client.get(`${API}/estimates`)).json().items).toHaveLength(1);
    expect((await auditor.client.delete(`${API}/estimates/${e.id}`)).statusCode).toBe(403);
  });
});

describe('damage estimates: derived figures are checked before anything is written', () => {
  it('refuses a total out of all proportion to annual sales, and writes nothing', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    const res = await client.post(`${API}/estimates`, {
      name: 'typo in sales',
      annualSalesYen: 1,
      amounts: { compensation: 1_000_000_000_000 },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().issues).toEqual([
      { path: ['annualSalesYen'], code: 'share_of_sales_too_large', params: { maximum: 100_000 } },
    ]);
    const list = await client.get(`${API}/estimates`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items).toEqual([]);
    expect(await auditActions(t, { orgId, action: 'damage.%' })).toEqual([]);
  });

  it('checks an edit against the stored figures it keeps, not only the fields sent', async () => {
    const { client } = await createOrgWithUser(t);
    const e = (
      await client.post(`${API}/estimates`, { name: 'small', annualSalesYen: 1, amounts: { lost_profit: 1 } })
    ).json();
    const res = await client.patch(
      `${API}/estimates/${e.id}`,
      { amounts: { compensation: 1_000_000_000_000 } },
      { 'if-match': '"1"' },
    );
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().issues[0]).toMatchObject({
      path: ['annualSalesYen'],
      code: 'share_of_sales_too_large',
    });
    const got = await client.get(`${API}/estimates/${e.id}`);
    expect(got.statusCode, got.body).toBe(200);
    expect(got.json()).toMatchObject({ version: 1, totalYen: 1 });
  });

  it('still lists, reads and edits a row stored before the check', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    const e = (await client.post(`${API}/estimates`, { name: 'old', amounts: {} })).json();
    await t.db.kysely
      .updateTable('damage_estimates')
      .set({ annual_sales_yen: 1, amounts: JSON.stringify({ compensation: 1_000_000_000_000 }) })
      .where('org_id', '=', orgId)
      .where('id', '=', e.id)
      .execute();
    const list = await client.get(`${API}/estimates`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items[0]).toMatchObject({
      totalYen: 1_000_000_000_000,
      shareOfSalesBasisPoints: null,
      shareOfSalesPercent: null,
    });
    expect((await client.get(`${API}/estimates/${e.id}`)).statusCode).toBe(200);
    const fixed = await client.patch(
      `${API}/estimates/${e.id}`,
      { annualSalesYen: 1_000_000_000_000 },
      { 'if-match': '"1"' },
    );
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ shareOfSalesPercent: 100, version: 2 });
  });
});

describe('annual sales: entered once for the company, reused by every estimate', () => {
  it('keeps the sales in the organization settings, audited, and refuses what is not whole yen', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    expect((await client.get('/api/v1/org')).json()).toMatchObject({ annualSalesYen: null, version: 1 });
    const saved = await client.patch('/api/v1/org', { annualSalesYen: 1_000_000_000 }, { 'if-match': '"1"' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ annualSalesYen: 1_000_000_000, version: 2 });
    const [entry] = await auditEntries(t, { orgId, action: 'organization.update' });
    expect(entry?.summary).toMatchObject({
      before: { annualSalesYen: null },
      after: { annualSalesYen: 1_000_000_000 },
    });
    for (const bad of [-1, 1.5, 2_000_000_000_000, '3億']) {
      const res = await client.patch('/api/v1/org', { annualSalesYen: bad }, { 'if-match': '"2"' });
      expect(res.statusCode, String(bad)).toBe(400);
      expect(res.json().issues[0].path).toEqual(['annualSalesYen']);
    }
    expect((await client.get('/api/v1/org')).json()).toMatchObject({
      annualSalesYen: 1_000_000_000,
      version: 2,
    });
  });

  it("computes an estimate's share against the company's sales unless it has its own", async () => {
    const { client } = await createOrgWithUser(t);
    await client.patch('/api/v1/org', { annualSalesYen: 1_000_000_000 }, { 'if-match': '"1"' });
    const own = (
      await client.post(`${API}/estimates`, {
        name: '事例の数字',
        annualSalesYen: 300_000_000,
        amounts: { compensation: 36_000_000 },
      })
    ).json();
    expect(own).toMatchObject({ salesUsedYen: 300_000_000, salesFrom: 'estimate', shareOfSalesPercent: 12 });
    const company = (
      await client.post(`${API}/estimates`, { name: '工場停止', amounts: { lost_profit: 10_400_000 } })
    ).json();
    expect(company).toMatchObject({
      annualSalesYen: null,
      salesUsedYen: 1_000_000_000,
      salesFrom: 'organization',
      shareOfSalesBasisPoints: 104,
      shareOfSalesPercent: 1,
    });
    // A new figure in the settings is used by every estimate that follows the company's.
    await client.patch('/api/v1/org', { annualSalesYen: 520_000_000 }, { 'if-match': '"2"' });
    const items = (await client.get(`${API}/estimates`)).json().items as {
      name: string;
      shareOfSalesPercent: number;
    }[];
    expect(Object.fromEntries(items.map((i) => [i.name, i.shareOfSalesPercent]))).toEqual({
      事例の数字: 12,
      工場停止: 2,
    });
  });

  it("checks a new estimate against the company's sales", async () => {
    const { client } = await createOrgWithUser(t);
    await client.patch('/api/v1/org', { annualSalesYen: 1 }, { 'if-match': '"1"' });
    const res = await client.post(`${API}/estimates`, {
      name: 'x',
      amounts: { compensation: 1_000_000_000 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0]).toMatchObject({
      path: ['annualSalesYen'],
      code: 'share_of_sales_too_large',
    });
  });
});
