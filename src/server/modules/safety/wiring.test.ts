import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Entry, Incident } from '../../../shared/incidents.js';
import type { QuakeSettings } from '../../../shared/quake.js';
import type { SafetyOverview } from '../../../shared/safety.js';
import type { SituationReport } from '../../../shared/situation.js';
import { createItem } from '../../test/factories.js';
import { auditActions, createOrgWithUser, type TestClient, withTestApp } from '../../test/harness.js';
import { QUAKE_TOKEN_HEADER } from '../quake/routes.js';

/**
 * Safety confirmation plugged into the other HQ modules: an earthquake report that reaches the
 * level where the company is sends the requests by itself (auto-send), to the people who live in
 * the prefecture and those who work at a site there, and the situation report shows the totals.
 */
const t = withTestApp();
const fixture = (name: string) =>
  fs.readFileSync(path.resolve(import.meta.dirname, '../../../domain/fixtures/jma', name), 'utf8');
const report = fixture('vxse51-okayama.xml');

/** Turns the trigger on (auto-send, no hold) and returns the organization's push token. */
async function autoTrigger(client: TestClient): Promise<string> {
  const current = (await client.get('/api/v1/quake/settings')).json() as QuakeSettings;
  await client.put(
    '/api/v1/quake/settings',
    { enabled: true, threshold: '5-', holdMinutes: 0, sendMode: 'auto', feedUrl: null },
    { 'if-match': `"${current.version}"` },
  );
  return (await client.post('/api/v1/quake/settings/token')).json().token as string;
}

const push = (token: string, xml: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/quake/reports',
    payload: xml,
    headers: { 'content-type': 'application/xml', [QUAKE_TOKEN_HEADER]: token },
  });

describe('safety confirmation and the earthquake trigger', () => {
  it('asks the people who live or work where the earthquake struck, and the situation report counts them', async () => {
    const { client } = await createOrgWithUser(t);
    const shop = await createItem(client, 'site', {
      name: '岡山店',
      kind: 'head_office',
      prefectureCode: '33',
    });
    await createItem(client, 'site', { name: '東京店', kind: 'branch', prefectureCode: '13' });
    await createItem(client, 'person', { name: '岡山 在住', email: 'home@example.jp', homePrefecture: '33' });
    await createItem(client, 'person', {
      name: '岡山店 勤務',
      email: 'shop@example.jp',
      homePrefecture: '13',
      siteId: shop.id,
    });
    await createItem(client, 'person', {
      name: '東京 在住',
      email: 'tokyo@example.jp',
      homePrefecture: '13',
    });
    const current = (await client.get('/api/v1/quake/settings')).json() as QuakeSettings;
    await client.put(
      '/api/v1/quake/settings',
      { enabled: true, threshold: '5-', holdMinutes: 0, sendMode: 'auto', feedUrl: null },
      { 'if-match': `"${current.version}"` },
    );
    const token = (await client.post('/api/v1/quake/settings/token')).json().token as string;

    const pushed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/quake/reports',
      payload: report,
      headers: { 'content-type': 'application/xml', [QUAKE_TOKEN_HEADER]: token },
    });
    expect(pushed.statusCode, pushed.body).toBe(200);
    const incidents = (await client.get('/api/v1/incidents?mode=real')).json().items as Incident[];
    const quake = incidents.find((i) => i.type === 'earthquake');
    if (!quake) throw new Error('no earthquake incident');

    const safety = (await client.get(`/api/v1/incidents/${quake.id}/safety`)).json() as SafetyOverview;
    expect(safety.recipients.map((r) => r.name).sort()).toEqual(['岡山 在住', '岡山店 勤務']);
    expect(safety.requests.length).toBe(2);
    expect(safety.totals).toMatchObject({ safe: 0, no_answer: 2 });

    const sitrep = (
      await client.get(`/api/v1/incidents/${quake.id}/situation?lang=ja`)
    ).json() as SituationReport;
    const section = sitrep.sections.find((s) => s.id === 'safety');
    expect(section?.title).toBe('安否確認');
    expect(section?.blocks[0]).toEqual({ kind: 'paragraph', text: '2人に確認し、0人が回答しました。' });
    expect(section?.blocks[1]).toMatchObject({
      kind: 'table',
      rows: [
        ['無事', '0'],
        ['軽いけが', '0'],
        ['重いけが', '0'],
        ['未回答', '2'],
      ],
    });
  });

  it('a later report that adds a prefecture adds it to the incident, notes it, and asks only the people not yet asked', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    await createItem(client, 'site', { name: '岡山店', kind: 'head_office', prefectureCode: '33' });
    const kagawa = await createItem(client, 'site', { name: '丸亀店', kind: 'branch', prefectureCode: '37' });
    const people = {
      okayama: { name: '岡山 在住', email: 'okayama@example.jp', homePrefecture: '33' },
      kagawa: { name: '香川 在住', email: 'kagawa@example.jp', homePrefecture: '37' },
      // Lives in Okayama (asked by the first report), works in Kagawa: must not be asked again.
      both: { name: '岡山在住 丸亀勤務', email: 'both@example.jp', homePrefecture: '33', siteId: kagawa.id },
      shop: { name: '東京在住 丸亀勤務', email: 'shop@example.jp', homePrefecture: '13', siteId: kagawa.id },
      tokyo: { name: '東京 在住', email: 'tokyo@example.jp', homePrefecture: '13' },
    };
    for (const p of Object.values(people)) await createItem(client, 'person', p);
    const token = await autoTrigger(client);

    expect((await push(token, fixture('vxse51-okayama.xml'))).json()).toEqual({ action: 'send' });
    const [quake] = ((await client.get('/api/v1/incidents?mode=real')).json().items as Incident[]).filter(
      (i) => i.type === 'earthquake',
    );
    if (!quake) throw new Error('no earthquake incident');
    const overview = async () =>
      (await client.get(`/api/v1/incidents/${quake.id}/safety`)).json() as SafetyOverview;
    expect(quake.prefectureCodes).toEqual(['33']);
    expect((await overview()).recipients.map((r) => r.name).sort()).toEqual(
      [people.okayama.name, people.both.name].sort(),
    );

    // The first full report has Kagawa at 4 (below the level): nothing changes.
    expect((await push(token, fixture('vxse53-okayama.xml'))).json()).toEqual({ action: 'ignore' });
    // Its correction puts Kagawa at 5 lower: the incident grows and Kagawa's people are asked.
    expect((await push(token, fixture('vxse53-okayama-correction.xml'))).json()).toEqual({
      action: 'extend',
    });
    const grown = (await client.get(`/api/v1/incidents/${quake.id}`)).json() as Incident;
    expect(grown.prefectureCodes).toEqual(['33', '37']);
    const entries = (await client.get(`/api/v1/incidents/${quake.id}/chronology`)).json().items as Entry[];
    expect(entries.map((e) => e.text)).toContainEqual(
      '続報で、対象の都道府県に次が加わりました：香川県 震度5弱',
    );
    expect(await auditActions(t, { orgId, action: 'incident.prefectures_add' })).toHaveLength(1);

    // The same correction again: ignored; nobody is asked twice.
    expect((await push(token, fixture('vxse53-okayama-correction.xml'))).json()).toEqual({
      action: 'ignore',
    });
    const after = await overview();
    expect(after.recipients.map((r) => r.name).sort()).toEqual(
      [people.okayama.name, people.kagawa.name, people.both.name, people.shop.name].sort(),
    );
    const asked = await t.db.kysely
      .selectFrom('safety_recipients')
      .select(['person_id'])
      .where('incident_id', '=', quake.id)
      .execute();
    expect(asked).toHaveLength(4);
    const mails = await t.db.kysely
      .selectFrom('outbound_messages')
      .select(['recipient'])
      .where('org_id', '=', orgId)
      .execute();
    expect(mails.map((m) => m.recipient).sort()).toEqual([
      'both@example.jp',
      'kagawa@example.jp',
      'okayama@example.jp',
      'shop@example.jp',
    ]);
  });

  it('says in the situation report when no safety confirmation was sent', async () => {
    const { client } = await createOrgWithUser(t);
    const drill = (await client.post('/api/v1/incidents/drill', { title: '訓練' })).json() as Incident;
    const sitrep = (
      await client.get(`/api/v1/incidents/${drill.id}/situation?lang=en`)
    ).json() as SituationReport;
    expect(sitrep.sections.find((s) => s.id === 'safety')?.blocks).toEqual([
      { kind: 'note', tone: 'info', text: 'There are no safety confirmation totals yet.' },
    ]);
  });
});
