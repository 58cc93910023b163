import ExcelJS from 'exceljs';
import { JSDOM } from 'jsdom';
import JSZip from 'jszip';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAN_SECTION_IDS } from '../../../domain/plan-document.js';
import {
  createBackupPlan,
  createItem,
  createProcedure,
  createRecoveryContact,
  linkNodes,
  node,
  saveIncident,
  updateBiaSettings,
} from '../../test/factories.js';
import { createOrgWithUser, createTestApp, type TestApp, type TestClient } from '../../test/harness.js';
import { readPdf } from '../../test/pdf.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const API = '/api/v1/plan';

/** What an attacker types into every text field that reaches the document. */
const XSS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  '<a href="javascript:alert(3)">link</a>',
  '</style><style>body{background:url(http://127.0.0.1:9/x)}</style>',
  '=HYPERLINK("http://127.0.0.1:9/","click")',
  "=cmd|' /C calc'!A0",
  '+1+2',
  '@SUM(A1)',
  '-2+3',
  '"><svg onload=alert(4)>',
];

async function raw(client: TestClient, format: string, lang = 'ja') {
  const res = await client.get(`${API}/document?format=${format}&lang=${lang}`);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res;
}

async function body(client: TestClient, format: string, lang = 'ja'): Promise<Buffer> {
  const res = await raw(client, format, lang);
  return res.rawPayload;
}

/** The text of a document.xml: every w:t, one run after another. */
function docxWords(xml: string): string {
  const d = new JSDOM(xml, { contentType: 'text/xml' }).window.document;
  return [...d.getElementsByTagName('w:t')].map((e) => e.textContent).join('\n');
}

async function docxXml(buf: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buf);
  const xml = await zip.file('word/document.xml')?.async('string');
  if (!xml) throw new Error('no document.xml');
  return xml;
}

/**
 * One corpus entry per one-line field and the whole corpus in each multi-line field, each line
 * tagged with the field's name so that a test names the field whose text went missing.
 */
const tagged = (field: string, i: number) => `${XSS[i % XSS.length]}《${field}》`;
const taggedLines = (field: string) => XSS.map((x, i) => `${x}《${field}-${i}》`).join('\n');

/** Every text the hostile organization typed, line by line, and whether a table shows it (XLSX). */
interface Typed {
  text: string;
  inTable: boolean;
}

/** An organization whose every text field of the plan carries the XSS corpus. */
async function hostileOrg() {
  const name = `攻撃社 ${XSS[0]}`;
  const f = await createOrgWithUser(t, 'owner', name);
  const c = f.client;
  const typed: Typed[] = [];
  const one = (field: string, i: number, inTable: boolean) => {
    const text = tagged(field, i);
    typed.push({ text, inTable });
    return text;
  };
  const many = (field: string, inTable: boolean) => {
    const text = taggedLines(field);
    for (const line of text.split('\n')) typed.push({ text: line, inTable });
    return text;
  };

  // Policy and scope
  const policy = {
    policy: many('policy', false),
    scope: many('scope', false),
    approver: one('approver', 4, false),
  };
  expect((await c.put(`${API}/policy`, policy, { 'if-match': '"0"' })).statusCode).toBe(200);

  // Inventory (the appendices)
  const ops = [];
  for (const [i, x] of XSS.entries())
    ops.push(
      await createItem(c, 'operation', {
        name: `${x} 業務${i}`,
        description: x,
        importance: 3,
        ownerText: x,
      }),
    );
  const sys = await createItem(c, 'system', {
    name: one('system', 1, true),
    vendor: one('system-vendor', 4, true),
    description: XSS[5],
  });
  const sup = await createItem(c, 'supplier', {
    name: one('supplier', 2, true),
    kind: 'vendor',
    contact: XSS[6],
    contractNotes: XSS[3],
    declaredRto: { kind: 'duration', minutes: 72 * 60 },
  });
  const person = await createItem(c, 'person', {
    name: one('person', 9, true),
    employmentStatus: 'temporary',
  });
  await linkNodes(c, node('operation', ops[0]!), node('system', sys));
  await linkNodes(c, node('system', sys), node('supplier', sup));

  // Backup plan: a system's and a data set's, every copy with a provider
  const copy = (field: string, i: number) => ({
    medium: 'cloud' as const,
    location: 'provider_dc' as const,
    connection: 'immutable' as const,
    reachableFromProduction: true,
    sameCredentials: false,
    sameMaintenance: false,
    provider: one(field, i, true),
    encrypted: true,
  });
  await createBackupPlan(c, {
    systemId: sys.id,
    production: { medium: 'server', location: 'same_building', provider: one('bp-production', 5, true) },
    copies: [copy('bp-copy2', 6), copy('bp-copy3', 7)],
    restoreNote: many('bp-restore-note', false),
    note: many('bp-note', false),
  });
  await createBackupPlan(c, { dataSetName: one('bp-data-set', 8, true), note: one('bp-note2', 3, false) });

  // Recovery plan: incidents, a procedure's steps, owners and contacts
  await saveIncident(c, 'ransomware', {
    whatStops: many('incident-stops', true),
    whyItMatters: many('incident-why', true),
  });
  await createProcedure(c, {
    systemId: sys.id,
    phase1: [
      {
        key: 'a',
        title: one('step-title', 0, true),
        ownerText: one('step-owner', 2, true),
        duration: '1時間',
        contactPersonIds: [person.id],
        contactSupplierIds: [sup.id],
        note: many('step-note', true),
      },
    ],
    phase2: [{ key: 'b', title: one('step2-title', 1, true), ownerPersonId: person.id, duration: 30 }],
    degradedNote: many('degraded-note', false),
  });
  await createRecoveryContact(c, {
    target: 'systems',
    targetNote: one('contact-target', 3, true),
    ownerText: one('contact-owner', 4, true),
    contactPersonIds: [person.id],
    contactSupplierIds: [sup.id],
    note: many('contact-note', true),
  });
  return { ...f, typed };
}

describe('IT-BCP document', () => {
  it('assembles every section in print order, placeholders for what is not written yet', async () => {
    const { client } = await createOrgWithUser(t, 'owner', 'さくらフィットネス');
    const res = await raw(client, 'json');
    const doc = res.json();
    expect(doc.sections.map((s: { id: string }) => s.id)).toEqual([...PLAN_SECTION_IDS]);
    const byId = Object.fromEntries(doc.sections.map((s: { id: string }) => [s.id, s]));
    expect(byId.policy.title).toBe('基本方針と適用範囲');
    expect(JSON.stringify(byId.policy.blocks)).toContain('さくらフィットネス');
    // Only the maintenance module does not exist yet; a company with nothing entered still gets
    // every other section, saying what to do.
    expect(byId.maintenance.blocks).toEqual([expect.objectContaining({ kind: 'note', tone: 'placeholder' })]);
    for (const id of ['backup', 'recovery', 'incidents', 'contacts', 'first-response'])
      expect(byId[id].blocks.length).toBeGreaterThan(0);
    expect(byId.maintenance.blocks[0].text).toContain('維持管理');
    const en = (await raw(client, 'json', 'en')).json();
    expect(en.sections[0].title).toBe('Policy and scope');
  });

  it('keeps the policy with If-Match, audited, and refuses bad input without saving', async () => {
    const { client } = await createOrgWithUser(t);
    const first = (await client.get(`${API}/policy`)).json();
    expect(first).toMatchObject({ isDefault: true, version: 0 });
    expect((await client.put(`${API}/policy`, { policy: 'a', scope: 'b', approver: 'c' })).statusCode).toBe(
      428,
    );
    const bad = await client.put(
      `${API}/policy`,
      { policy: '', scope: 'b', approver: 'x\ny' },
      { 'if-match': '"0"' },
    );
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .issues.map((i: { path: string[] }) => i.path[0])
        .sort(),
    ).toEqual(['approver', 'policy']);
    expect((await client.get(`${API}/policy`)).json().version).toBe(0);
    const saved = await client.put(
      `${API}/policy`,
      { policy: '当社の方針', scope: '全拠点', approver: '岡田 誠' },
      { 'if-match': '"0"' },
    );
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ isDefault: false, version: 1, approver: '岡田 誠' });
    const stale = await client.put(
      `${API}/policy`,
      { policy: 'x', scope: 'y', approver: 'z' },
      { 'if-match': '"0"' },
    );
    expect(stale.statusCode).toBe(412);
    const audit = (await client.get('/api/v1/audit?limit=5')).json();
    expect(JSON.stringify(audit)).toContain('plan.policy_update');
    const doc = (await raw(client, 'json')).json();
    expect(JSON.stringify(doc.sections[0])).toContain('当社の方針');
  });

  it('serves each format with its type and a dated file name; members may read, not write', async () => {
    const { client } = await createOrgWithUser(t, 'member');
    const types: Record<string, [string, RegExp]> = {
      html: ['text/html', /^inline; filename="it-bcp-\d{4}-\d{2}-\d{2}\.html"$/],
      offline: ['text/html', /^attachment; filename="it-bcp-offline-\d{4}-\d{2}-\d{2}\.html"$/],
      pdf: ['application/pdf', /^attachment; filename="it-bcp-\d{4}-\d{2}-\d{2}\.pdf"$/],
      docx: ['wordprocessingml', /^attachment; filename="it-bcp-\d{4}-\d{2}-\d{2}\.docx"$/],
      xlsx: ['spreadsheetml', /^attachment; filename="it-bcp-registers-\d{4}-\d{2}-\d{2}\.xlsx"$/],
    };
    for (const [format, [type, name]] of Object.entries(types)) {
      const res = await raw(client, format);
      expect(String(res.headers['content-type'])).toContain(type);
      expect(String(res.headers['content-disposition'])).toMatch(name);
      expect(res.rawPayload.length).toBeGreaterThan(500);
    }
    expect(
      (await client.put(`${API}/policy`, { policy: 'a', scope: 'b', approver: 'c' }, { 'if-match': '"0"' }))
        .statusCode,
    ).toBe(403);
    expect((await client.get(`${API}/document?format=exe`)).statusCode).toBe(400);
  });

  it('PDF: Japanese headings as text, a bookmark per section, the font embedded as a subset', async () => {
    const { client } = await createOrgWithUser(t, 'owner', '岡山テスト商事');
    const op = await createItem(client, 'operation', { name: '入館受付', importance: 3 });
    const sys = await createItem(client, 'system', { name: '会員管理システム' });
    await linkNodes(client, node('operation', op), node('system', sys));
    const buf = await body(client, 'pdf');
    expect(buf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, outline } = await readPdf(buf);
    for (const h of [
      '基本方針と適用範囲',
      '業務影響分析（BIA）',
      '付録：台帳',
      '入館受付',
      '会員管理システム',
      '岡山テスト商事',
    ])
      expect(text).toContain(h);
    expect(outline).toContain('1. 基本方針と適用範囲');
    expect(outline).toHaveLength(PLAN_SECTION_IDS.length + 1);
    // A subset font's name carries a six-letter tag (ABCDEF+NotoSansJP-…); the whole font is 5 MB.
    expect(buf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansJP/);
    expect(buf.toString('latin1')).toContain('/ToUnicode');
    expect(buf.length).toBeLessThan(1_500_000);
  });

  it('PDF: a long table continues on the next page with its header row again', async () => {
    const { client } = await createOrgWithUser(t);
    for (let i = 0; i < 70; i++)
      await createItem(client, 'system', { name: `システム${String(i).padStart(2, '0')}` });
    const { pages } = await readPdf(await body(client, 'pdf'));
    const pagesWithHeader = pages.filter(
      (text) => text.includes('システム') && text.includes('サポート終了日'),
    );
    expect(pagesWithHeader.length).toBeGreaterThanOrEqual(2);
  });

  it('DOCX: sections are Heading 1, tables repeat their header row, a TOC field links to them', async () => {
    const { client } = await createOrgWithUser(t);
    await createItem(client, 'system', { name: '会員管理システム' });
    const buf = await body(client, 'docx');
    const xml = await docxXml(buf);
    expect(xml.match(/<w:pStyle w:val="Heading1"\/>/g)?.length).toBe(PLAN_SECTION_IDS.length);
    expect(xml).toContain('<w:tblHeader/>');
    // A real table of contents: the TOC field over Heading 1, hyperlinked (\h), in Word's gallery…
    const toc = /<w:instrText[^>]*>\s*(TOC [^<]*)<\/w:instrText>/.exec(xml)?.[1]?.replaceAll('&quot;', '"');
    expect(toc).toContain('\\o "1-1"');
    expect(toc).toContain('\\h');
    expect(xml).toContain('<w:docPartGallery w:val="Table of Contents"/>');
    // …written filled in, one entry per section linked to its heading's bookmark, before any update…
    const d = new JSDOM(xml, { contentType: 'text/xml' }).window.document;
    const sdt = d.getElementsByTagName('w:sdtContent')[0];
    const entries = [...(sdt?.getElementsByTagName('w:hyperlink') ?? [])];
    expect(entries).toHaveLength(PLAN_SECTION_IDS.length);
    expect(entries[0]?.textContent).toContain('1. 基本方針と適用範囲');
    const bookmarks = new Set(
      [...d.getElementsByTagName('w:bookmarkStart')].map((b) => b.getAttribute('w:name')),
    );
    for (const e of entries) expect(bookmarks).toContain(e.getAttribute('w:anchor'));
    // …and Word refreshes it (page numbers) when it opens the file.
    const settings = await (await JSZip.loadAsync(buf)).file('word/settings.xml')?.async('string');
    expect(settings).toMatch(/<w:updateFields(?: w:val="(?:true|1|on)")?\/>/);
    expect(xml).toContain('基本方針と適用範囲');
    expect(xml).toContain('会員管理システム');
  });

  it('XLSX: the registers read back with exceljs', async () => {
    const { client } = await createOrgWithUser(t);
    await createItem(client, 'system', { name: '会員管理システム', vendor: '=1+1' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await body(client, 'xlsx')) as unknown as ExcelJS.Buffer);
    const names = wb.worksheets.map((s) => s.name);
    expect(names.slice(0, 4)).toEqual(['業務', 'システム', '構成要素', '取引先・クラウド']);
    const systems = wb.getWorksheet('システム');
    const cells: ExcelJS.Cell[] = [];
    systems?.eachRow((row) => row.eachCell((cell) => cells.push(cell)));
    expect(cells.map((c) => c.value)).toContain('会員管理システム');
    const formula = cells.find((c) => c.value === '=1+1');
    expect(formula?.type).toBe(ExcelJS.ValueType.String);
  });

  it('XSS corpus: every text field shows as text in HTML, offline HTML, PDF, DOCX and XLSX', async () => {
    const { client, typed } = await hostileOrg();
    // Every field of the policy, the backup plan and the recovery plan is in the corpus.
    const fields = new Set(typed.map((x) => /《([a-z0-9-]+?)(?:-\d+)?》$/.exec(x.text)?.[1]));
    for (const f of [
      'policy',
      'scope',
      'approver',
      'bp-production',
      'bp-copy2',
      'bp-copy3',
      'bp-restore-note',
    ])
      expect(fields).toContain(f);
    for (const f of ['bp-note', 'bp-data-set', 'incident-stops', 'incident-why', 'step-title', 'step-owner'])
      expect(fields).toContain(f);
    for (const f of [
      'step-note',
      'degraded-note',
      'contact-target',
      'contact-owner',
      'contact-note',
      'person',
    ])
      expect(fields).toContain(f);

    for (const format of ['html', 'offline']) {
      const html = (await body(client, format)).toString('utf8');
      const dom = new JSDOM(html);
      const d = dom.window.document;
      expect(d.querySelectorAll('script, iframe, object, embed, img, svg, link, base, form').length).toBe(0);
      expect(d.querySelectorAll('style').length).toBe(1);
      for (const el of d.querySelectorAll('*'))
        for (const a of el.getAttributeNames()) expect(a.startsWith('on'), `${el.tagName} ${a}`).toBe(false);
      for (const a of d.querySelectorAll('a')) expect(a.getAttribute('href')).toMatch(/^#section-/);
      for (const x of XSS) expect(d.body.textContent).toContain(x);
      for (const x of typed) expect(d.body.textContent, `${format}: ${x.text}`).toContain(x.text);
    }

    const { text } = await readPdf(await body(client, 'pdf'));
    const squash = (s: string) => s.replace(/\s+/g, '');
    for (const x of typed) expect(squash(text), `pdf: ${x.text}`).toContain(squash(x.text));

    const xml = await docxXml(await body(client, 'docx'));
    expect(xml).not.toMatch(/<script|<img|<svg|<style|javascript:alert\(3\)"/i);
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const words = docxWords(xml);
    for (const x of typed) expect(words, `docx: ${x.text}`).toContain(x.text);

    const xlsx = await body(client, 'xlsx');
    const zip = await JSZip.loadAsync(xlsx);
    for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n)))
      expect(await zip.file(name)?.async('string'), name).not.toMatch(/<f[ >]/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ExcelJS.Buffer);
    const values: string[] = [];
    wb.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type, String(cell.address)).not.toBe(ExcelJS.ValueType.Formula);
          expect(cell.formula).toBeUndefined();
          values.push(String(cell.value));
        }),
      ),
    );
    for (const x of XSS.slice(4, 9)) expect(values.some((v) => v.startsWith(x))).toBe(true);
    for (const x of typed.filter((y) => y.inTable))
      expect(
        values.some((v) => v.includes(x.text)),
        `xlsx: ${x.text}`,
      ).toBe(true);
    const formulaLike = values.filter((v) => /^[=+\-@]/.test(v));
    expect(formulaLike.length).toBeGreaterThan(0);
  });

  it('offline HTML: opens in Chromium with the network off, sections and contents work, nothing runs', async () => {
    const { client, typed } = await hostileOrg();
    const html = (await body(client, 'offline')).toString('utf8');
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
    try {
      const context = await browser.newContext({ offline: true, javaScriptEnabled: true });
      const page = await context.newPage();
      const requests: string[] = [];
      const dialogs: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith('data:') && r.url() !== 'about:blank') requests.push(r.url());
      });
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.setContent(html, { waitUntil: 'load' });
      await page.waitForTimeout(300);
      const sections = await page.locator('section.plan-section h2').allTextContents();
      expect(sections).toHaveLength(PLAN_SECTION_IDS.length);
      expect(sections[0]).toContain('基本方針と適用範囲');
      await page.getByRole('link', { name: '業務影響分析（BIA）' }).click();
      expect(page.url()).toContain('#section-bia');
      expect(await page.locator('thead th').count()).toBeGreaterThan(0);
      // Every typed text is on the page as text (the browser read it, nothing ran or loaded).
      const shown = (await page.locator('body').textContent()) ?? '';
      for (const x of typed) expect(shown, x.text).toContain(x.text);
      expect(dialogs).toEqual([]);
      expect(requests).toEqual([]);
      expect(await page.evaluate(() => document.querySelectorAll('script').length)).toBe(0);
    } finally {
      await browser.close();
    }
  });

  it('never shows another organization its document', async () => {
    const a = await createOrgWithUser(t, 'owner', '甲社');
    await createItem(a.client, 'operation', { name: '甲社だけの業務' });
    await a.client.put(
      `${API}/policy`,
      { policy: '甲社の方針', scope: '甲', approver: '甲' },
      { 'if-match': '"0"' },
    );
    const b = await createOrgWithUser(t, 'owner', '乙社');
    for (const format of ['json', 'html', 'offline']) {
      const text = (await body(b.client, format)).toString('utf8');
      expect(text).not.toContain('甲社');
    }
    const { text } = await readPdf(await body(b.client, 'pdf'));
    expect(text).not.toContain('甲社');
    expect((await b.client.get(`${API}/policy`)).json().isDefault).toBe(true);
  });

  it('BIA section: priorities, the matrix and the inversion', async () => {
    const { client } = await createOrgWithUser(t);
    await updateBiaSettings(client, { rtoPreset: 'example-1' });
    const op = await createItem(client, 'operation', { name: '入館受付', importance: 3 });
    const sys = await createItem(client, 'system', {
      name: 'VPN',
      declaredRto: { kind: 'duration', minutes: 72 * 60 },
    });
    await linkNodes(client, node('operation', op), node('system', sys));
    const doc = (await raw(client, 'json')).json();
    const bia = doc.sections.find((s: { id: string }) => s.id === 'bia');
    const tables = bia.blocks.filter((b: { kind: string }) => b.kind === 'table');
    expect(tables.map((b: { caption: string }) => b.caption)).toContain('優先度マトリクス（件数）');
    expect(JSON.stringify(bia)).toContain('入館受付');
  });
});
