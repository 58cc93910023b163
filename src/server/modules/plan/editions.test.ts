import ExcelJS from 'exceljs';
import { JSDOM } from 'jsdom';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { PLAN_SECTION_IDS } from '../../../domain/plan-document.js';
import { createItem } from '../../test/factories.js';
import {
  addUserToOrg,
  auditEntries,
  createOrgWithUser,
  expectJustNow,
  type TestClient,
  withTestApp,
} from '../../test/harness.js';
import { readPdf } from '../../test/pdf.js';

const t = withTestApp();
const API = '/api/v1/plan';

async function savePolicy(c: TestClient, approver: string, policy = '安全を第一にします。') {
  const current = (await c.get(`${API}/policy`)).json() as { version: number };
  const res = await c.put(
    `${API}/policy`,
    { policy, scope: '全拠点の業務システム', approver },
    { 'if-match': `"${current.version}"` },
  );
  expect(res.statusCode, res.body).toBe(200);
}

async function issue(c: TestClient, body: Record<string, unknown> = {}) {
  const res = await c.post(`${API}/editions`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as {
    number: number;
    issuedAt: string;
    issuedOn: string;
    approver: string;
    contentHash: string;
  };
}

/** An organization with its policy saved and one system in the inventory. */
async function readyOrg(name?: string) {
  const f = await createOrgWithUser(t, 'owner', name);
  await savePolicy(f.client, '代表取締役 梅田');
  await createItem(f.client, 'system', { name: '会員管理', hosting: 'cloud', dependencyLevel: 3 });
  return f;
}

describe('issuing an edition of the IT-BCP', () => {
  it('refuses while the policy, scope and approver are not saved, and stores nothing', async () => {
    const f = await createOrgWithUser(t, 'owner');
    const res = await f.client.post(`${API}/editions`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'plan_policy_missing' });
    expect((await f.client.get(`${API}/editions`)).json()).toEqual({ items: [], nextCursor: null });
  });

  it('numbers editions 1, 2, 3 per organization, newest first, with the approver and the audit entry', async () => {
    const f = await readyOrg();
    const first = await issue(f.client, { note: '初版' });
    expect(first).toMatchObject({ number: 1, approver: '代表取締役 梅田', note: '初版' });
    expectJustNow(first.issuedAt);
    expect(first.issuedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(first.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const second = await issue(f.client, { approver: '取締役 松本' });
    expect(second).toMatchObject({ number: 2, approver: '取締役 松本', note: null });
    // The same content gives the same hash.
    expect(second.contentHash).toBe(first.contentHash);
    await savePolicy(f.client, '代表取締役 梅田', '方針を書き直しました。');
    const third = await issue(f.client);
    expect(third.number).toBe(3);
    expect(third.contentHash).not.toBe(first.contentHash);

    const list = (await f.client.get(`${API}/editions`)).json() as { items: { number: number }[] };
    expect(list.items.map((e) => e.number)).toEqual([3, 2, 1]);
    // Keyset pages, newest first.
    const page1 = (await f.client.get(`${API}/editions?limit=2`)).json() as {
      items: { number: number }[];
      nextCursor: string;
    };
    expect(page1.items.map((e) => e.number)).toEqual([3, 2]);
    const page2 = (await f.client.get(`${API}/editions?limit=2&cursor=${page1.nextCursor}`)).json() as {
      items: { number: number }[];
      nextCursor: string | null;
    };
    expect(page2).toMatchObject({ items: [{ number: 1 }], nextCursor: null });
    expect((await f.client.get(`${API}/editions/2`)).json()).toMatchObject({
      number: 2,
      approver: '取締役 松本',
      issuedByName: expect.any(String),
    });

    // Another organization starts at 1 again.
    const other = await readyOrg();
    expect((await issue(other.client)).number).toBe(1);

    const audit = await auditEntries(t, { orgId: f.orgId, action: 'plan.edition_issue' });
    expect(audit.map((e) => e.summary)).toContainEqual(
      expect.objectContaining({ details: { number: 1, approver: '代表取締役 梅田', note: '初版' } }),
    );
    expect(audit).toHaveLength(3);
  });

  it('gives simultaneous issues distinct numbers', async () => {
    const f = await readyOrg();
    const results = await Promise.all([1, 2, 3, 4].map(() => f.client.post(`${API}/editions`, {})));
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
    const numbers = results.map((r) => (r.json() as { number: number }).number).sort();
    expect(numbers).toEqual([1, 2, 3, 4]);
  });

  it('keeps an edition exactly as issued: later changes do not reach it, and it cannot be changed or deleted', async () => {
    const f = await readyOrg();
    await savePolicy(f.client, '代表取締役 梅田', '初めの方針です。');
    await issue(f.client);
    await savePolicy(f.client, '代表取締役 梅田', '変えた方針です。');
    const doc = (await f.client.get(`${API}/editions/1/document?format=json`)).json() as {
      edition: { number: number; approver: string };
      sections: { id: string; blocks: { text?: string }[] }[];
    };
    expect(doc.edition).toMatchObject({ number: 1, approver: '代表取締役 梅田' });
    const policyTexts = doc.sections.find((s) => s.id === 'policy')?.blocks.map((b) => b.text);
    expect(policyTexts).toContain('初めの方針です。');
    expect(policyTexts).not.toContain('変えた方針です。');
    expect(doc.sections.map((s) => s.id)).toEqual([...PLAN_SECTION_IDS]);
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const res = await f.client.request(method, `${API}/editions/1`, method === 'DELETE' ? undefined : {});
      expect(res.statusCode, method).toBe(405);
    }
  });

  it('renders a stored edition in every format, stamped with its number, date and approver', async () => {
    const f = await readyOrg('梅工業');
    const ed = await issue(f.client);
    await savePolicy(f.client, '別の承認者');
    const get = async (format: string, lang = 'ja') => {
      const res = await f.client.get(`${API}/editions/1/document?format=${format}&lang=${lang}`);
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      return res;
    };
    const stamp = `第1版（${ed.issuedOn}発行、承認：代表取締役 梅田）`;

    const html = await get('html');
    expect(html.headers['content-security-policy']).toBeTruthy();
    const dom = new JSDOM(html.body);
    expect(dom.window.document.body.textContent).toContain(stamp);
    expect(dom.window.document.body.textContent).not.toContain('別の承認者');

    const offline = await get('offline');
    expect(offline.headers['content-disposition']).toBe(
      `attachment; filename="it-bcp-ed1-offline-${ed.issuedOn}.html"`,
    );
    expect(new JSDOM(offline.body).window.document.querySelectorAll('script')).toHaveLength(0);
    expect(offline.body).toContain(stamp);

    const pdf = await get('pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(((await readPdf(pdf.rawPayload)).pages[0] ?? '').replace(/\s/g, '')).toContain(
      stamp.replace(/\s/g, ''),
    );

    const docx = await get('docx');
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')?.async('string');
    expect(xml).toContain(`第1版（${ed.issuedOn}発行、承認：代表取締役 梅田）`);

    const xlsx = await get('xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells = book.worksheets.flatMap((ws) => {
      const out: string[] = [];
      ws.eachRow((row) => {
        row.eachCell((c) => {
          out.push(String(c.value));
        });
      });
      return out;
    });
    expect(cells).toContain('会員管理');

    const en = await get('html', 'en');
    expect(new JSDOM(en.body).window.document.body.textContent).toContain(
      `Edition 1 (issued ${ed.issuedOn}, approved by 代表取締役 梅田)`,
    );
  });

  it('compares two editions section by section', async () => {
    const f = await readyOrg();
    await savePolicy(f.client, '代表取締役 梅田', '初めの方針です。');
    await issue(f.client);
    await savePolicy(f.client, '代表取締役 梅田', '変えた方針です。');
    await createItem(f.client, 'system', { name: '予約システム', hosting: 'cloud', dependencyLevel: 2 });
    await issue(f.client);

    const res = await f.client.get(`${API}/editions/compare?from=1&to=2`);
    expect(res.statusCode, res.body).toBe(200);
    const diff = res.json() as {
      from: { number: number };
      to: { number: number };
      isUnchanged: boolean;
      sections: { id: string; changes: { kind: string; text?: string; row?: string }[] }[];
    };
    expect(diff).toMatchObject({ from: { number: 1 }, to: { number: 2 }, isUnchanged: false });
    expect(diff.sections.find((s) => s.id === 'policy')?.changes).toEqual([
      { kind: 'text_removed', text: '初めの方針です。' },
      { kind: 'text_added', text: '変えた方針です。' },
    ]);
    const appendix = diff.sections.find((s) => s.id === 'appendices')?.changes ?? [];
    expect(appendix).toContainEqual(
      expect.objectContaining({ kind: 'row_added', row: expect.stringContaining('予約システム') }),
    );

    const same = (await f.client.get(`${API}/editions/compare?from=2&to=2&lang=en`)).json();
    expect(same).toMatchObject({ isUnchanged: true, sections: [] });
    expect((await f.client.get(`${API}/editions/compare?from=1&to=9`)).statusCode).toBe(404);
  });

  it("refuses another organization's editions as not found", async () => {
    const a = await readyOrg();
    await issue(a.client);
    const b = await createOrgWithUser(t, 'owner');
    for (const url of [
      `${API}/editions/1`,
      `${API}/editions/1/document?format=json`,
      `${API}/editions/1/document?format=pdf`,
      `${API}/editions/compare?from=1&to=1`,
    ])
      expect((await b.client.get(url)).statusCode, url).toBe(404);
    expect((await b.client.get(`${API}/editions`)).json()).toEqual({ items: [], nextCursor: null });
  });

  it('lets members read editions but only owners and admins issue them', async () => {
    const a = await readyOrg();
    await issue(a.client);
    const member = await addUserToOrg(t, a.orgId, 'member');
    expect((await member.client.post(`${API}/editions`, {})).statusCode).toBe(403);
    expect((await member.client.get(`${API}/editions/1`)).statusCode).toBe(200);
    const admin = await addUserToOrg(t, a.orgId, 'admin');
    expect((await issue(admin.client)).number).toBe(2);
  });

  it('answers bad input with field errors', async () => {
    const f = await readyOrg();
    await issue(f.client);
    const bad = async (res: Promise<{ statusCode: number; json: () => unknown }>, field: string) => {
      const r = await res;
      expect(r.statusCode).toBe(400);
      const body = r.json() as { code: string; issues: { path: string[] }[] };
      expect(body.code).toBe('validation_failed');
      expect(body.issues.map((i) => i.path.at(-1))).toContain(field);
    };
    await bad(f.client.post(`${API}/editions`, { approver: '   ' }), 'approver');
    await bad(f.client.post(`${API}/editions`, { approver: 'x'.repeat(101) }), 'approver');
    await bad(f.client.post(`${API}/editions`, { note: 'a\u0000b' }), 'note');
    expect((await f.client.post(`${API}/editions`, { number: 7 })).statusCode).toBe(400);
    await bad(f.client.get(`${API}/editions/abc`), 'number');
    await bad(f.client.get(`${API}/editions/0`), 'number');
    await bad(f.client.get(`${API}/editions/1/document?format=rtf`), 'format');
    await bad(f.client.get(`${API}/editions/compare?from=1`), 'to');
    await bad(
      f.client.get(`${API}/editions?cursor=${Buffer.from('abc-def').toString('base64url')}`),
      'cursor',
    );
    expect((await f.client.get(`${API}/editions`)).json()).toMatchObject({ items: [{ number: 1 }] });
  });

  it('tells the home page whether an edition was issued and whether the plan changed since', async () => {
    const f = await readyOrg();
    const planStep = async () => {
      const steps = (await f.client.get('/api/v1/home/steps')).json() as {
        items: { key: string; state: string; params: Record<string, unknown>; link: string }[];
      };
      return steps.items.find((s) => s.key === 'plan');
    };
    const findings = async () =>
      (
        (await f.client.get('/api/v1/home/findings')).json() as { items: { code: string; params: unknown }[] }
      ).items.filter((x) => x.code === 'plan_changed_since_edition');
    expect(await planStep()).toMatchObject({ state: 'not_started', link: '/plan' });
    expect(await findings()).toEqual([]);
    const ed = await issue(f.client);
    expect(await planStep()).toMatchObject({ state: 'done', params: { number: 1, date: ed.issuedOn } });
    expect(await findings()).toEqual([]);
    await createItem(f.client, 'system', { name: '給与計算', hosting: 'cloud', dependencyLevel: 1 });
    expect(await planStep()).toMatchObject({
      state: 'in_progress',
      params: { number: 1, date: ed.issuedOn },
    });
    expect(await findings()).toEqual([
      expect.objectContaining({ params: { number: 1, date: ed.issuedOn }, link: '/plan', severity: 'info' }),
    ]);
  });
});
