import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/incidents.js';
import type { QuakeSettings } from '../../../shared/quake.js';
import type { SafetyOverview } from '../../../shared/safety.js';
import type { SituationReport } from '../../../shared/situation.js';
import { createItem } from '../../test/factories.js';
import { createOrgWithUser, withTestApp } from '../../test/harness.js';
import { QUAKE_TOKEN_HEADER } from '../quake/routes.js';

/**
 * Safety confirmation plugged into the other HQ modules: an earthquake report that reaches the
 * level where the company is sends the requests by itself (auto-send), to the people who live in
 * the prefecture and those who work at a site there, and the situation report shows the totals.
 */
const t = withTestApp();
const report = fs.readFileSync(
  path.resolve(import.meta.dirname, '../../../domain/fixtures/jma/vxse51-okayama.xml'),
  'utf8',
);

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
