import { describe, expect, it } from 'vitest';
import type { Entry, Incident } from '../../../shared/incidents.js';
import type { SituationReport } from '../../../shared/situation.js';
import { createItem, createProcedure, linkNodes, node } from '../../test/factories.js';
import { createOrgWithUser, type TestClient, withTestApp } from '../../test/harness.js';
import { readPdf } from '../../test/pdf.js';
import { registerSituationSection } from './index.js';

const t = withTestApp();
const API = '/api/v1/incidents';

async function entry(client: TestClient, incidentId: string, body: Record<string, unknown>): Promise<Entry> {
  const res = await client.post(`${API}/${incidentId}/chronology`, {
    occurredAt: new Date().toISOString(),
    kind: 'report',
    text: 'x',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** A drill 9 hours in with a corrected report, a decision, an open task and a system near its target. */
async function drillWithRecords(client: TestClient): Promise<Incident> {
  const sys = await createItem(client, 'system', { name: '予約システム', dependencyLevel: 3 });
  const op = await createItem(client, 'operation', {
    name: '会員受付',
    importance: 3,
    rtoOverride: { kind: 'duration', minutes: 600 },
  });
  await linkNodes(client, node('operation', op), node('system', sys));
  await createProcedure(client, { systemId: sys.id, template: 'ja' });
  const res = await client.post(API, {
    type: 'ransomware',
    mode: 'drill',
    title: '訓練: ランサムウェア',
    beganAt: new Date(Date.now() - 9 * 3600_000).toISOString(),
    prefectureCodes: ['33'],
  });
  expect(res.statusCode, res.body).toBe(201);
  const incident = res.json() as Incident;
  const wrong = await entry(client, incident.id, {
    text: '受付PC 3台が停止',
    fromParty: '受付',
    toParty: '情報班',
  });
  await entry(client, incident.id, { text: '受付PC 2台が停止', correctsId: wrong.id });
  await entry(client, incident.id, { kind: 'information', text: '天気は晴れ（主な記録には出ない）' });
  await entry(client, incident.id, { kind: 'instruction', text: 'LANケーブルを抜く' });
  const d = await client.post(`${API}/${incident.id}/decisions`, {
    decidedAt: new Date().toISOString(),
    decision: '身代金は払わない',
    basis: '警察と相談',
  });
  expect(d.statusCode, d.body).toBe(201);
  const task = await client.post(`${API}/${incident.id}/tasks`, { title: '紙の受付票を配る' });
  expect(task.statusCode, task.body).toBe(201);
  return incident;
}

describe('situation report', () => {
  it('is made from the records: key chronology latest first with corrections, decisions, open tasks, systems near their target; marked as a drill', async () => {
    const { client } = await createOrgWithUser(t);
    const incident = await drillWithRecords(client);
    const res = await client.get(`${API}/${incident.id}/situation?lang=ja`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as SituationReport;
    expect(r.banner).toContain('訓練');
    expect(r.sections.map((s) => s.id)).toEqual([
      'overview',
      'safety',
      'chronology',
      'decisions',
      'tasks',
      'systems',
    ]);
    expect(r.subtitle.join('\n')).toContain('岡山県');
    const chron = r.sections.find((s) => s.id === 'chronology')?.blocks[0];
    if (chron?.kind !== 'table') throw new Error('a table of entries');
    const texts = chron.rows.map((row) => row[3]);
    // Latest first; the information entry is not a key entry; both sides of the correction are marked.
    expect(texts[0]).toContain('LANケーブルを抜く');
    expect(texts.join('|')).not.toContain('天気');
    expect(texts.find((x) => x?.includes('3台'))).toMatch(/訂正済み/);
    expect(texts.find((x) => x?.includes('2台'))).toMatch(/の記録の訂正/);
    expect(JSON.stringify(r.sections.find((s) => s.id === 'decisions'))).toContain('身代金は払わない');
    expect(JSON.stringify(r.sections.find((s) => s.id === 'tasks'))).toContain('紙の受付票を配る');
    const systems = JSON.stringify(r.sections.find((s) => s.id === 'systems'));
    expect(systems).toContain('予約システム');
    expect(systems).toContain('注意（8割経過）');
    // The safety slot is empty until the safety module registers its totals.
    expect(JSON.stringify(r.sections.find((s) => s.id === 'safety'))).toContain(
      '安否確認の集計はまだありません',
    );

    const en = (await client.get(`${API}/${incident.id}/situation?lang=en`)).json() as SituationReport;
    expect(en.title).toBe('Situation report');
    expect(en.banner).toContain('DRILL');
    expect(en.subtitle.join('\n')).toContain('Okayama');
  });

  it('is a PDF with the Japanese text, the drill mark and the time in the organization’s zone', async () => {
    const { client } = await createOrgWithUser(t);
    const incident = await drillWithRecords(client);
    const res = await client.get(`${API}/${incident.id}/situation.pdf?lang=ja`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    // The Japanese name as UTF-8, after an ASCII stand-in for clients that read only `filename`.
    expect(String(res.headers['content-disposition'])).toMatch(
      new RegExp(
        `^attachment; filename="[\\x20-\\x7e]+\\.pdf"; filename\\*=UTF-8''${encodeURIComponent('状況報告')}`,
      ),
    );
    const { text } = await readPdf(res.rawPayload);
    for (const want of [
      '状況報告',
      '訓練',
      '身代金は払わない',
      '紙の受付票を配る',
      '予約システム',
      'LANケーブルを抜く',
    ])
      expect(text).toContain(want);
    expect(text).not.toContain('天気');
    const en = (await readPdf((await client.get(`${API}/${incident.id}/situation.pdf?lang=en`)).rawPayload))
      .text;
    expect(en).toContain('Situation report');
    expect(en).toContain('DRILL');
  });

  it('exports the whole chronology as a PDF beside the CSV, corrections marked', async () => {
    const { client } = await createOrgWithUser(t);
    const incident = await drillWithRecords(client);
    const res = await client.get(`${API}/${incident.id}/chronology.pdf?lang=ja`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const { text } = await readPdf(res.rawPayload);
    expect(text).toContain('クロノロジー');
    expect(text).toContain('天気は晴れ');
    expect(text).toContain('訂正済み');
  });

  it('carries the sections other modules register (the safety slot first)', async () => {
    const { client } = await createOrgWithUser(t);
    const incident = await drillWithRecords(client);
    registerSituationSection(async (ctx) =>
      ctx.incidentId === incident.id
        ? {
            id: 'safety',
            title: '安否確認',
            blocks: [{ kind: 'paragraph', text: `無事 12 名（${ctx.locale}）` }],
          }
        : null,
    );
    const r = (await client.get(`${API}/${incident.id}/situation`)).json() as SituationReport;
    expect(r.sections[1]).toMatchObject({ id: 'safety', blocks: [{ text: '無事 12 名（ja）' }] });
  });

  it('refuses another organization’s incident', async () => {
    const { client } = await createOrgWithUser(t);
    const incident = await drillWithRecords(client);
    const other = await createOrgWithUser(t);
    for (const path of ['situation', 'situation.pdf', 'chronology.pdf'])
      expect((await other.client.get(`${API}/${incident.id}/${path}`)).statusCode).toBe(404);
  });
});
