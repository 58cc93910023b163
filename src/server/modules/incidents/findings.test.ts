import { describe, expect, it } from 'vitest';
import type { HomeFinding, HomeFindingsResponse, HomeStepsResponse } from '../../../shared/home.js';
import type { Incident } from '../../../shared/incidents.js';
import { createItem, linkNodes, node } from '../../test/factories.js';
import { addUserToOrg, createOrgWithUser, type TestClient, withTestApp } from '../../test/harness.js';

const t = withTestApp();
const API = '/api/v1';
const HOUR = 3600_000;

async function declare(client: TestClient, body: Record<string, unknown>): Promise<Incident> {
  const res = await client.post(`${API}/incidents`, { type: 'ransomware', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const incidentFindings = async (client: TestClient): Promise<HomeFinding[]> =>
  ((await client.get(`${API}/home/findings`)).json() as HomeFindingsResponse).items.filter(
    (f) => f.code.startsWith('incident_') || f.code === 'drill_active',
  );

const drillStep = async (client: TestClient) =>
  ((await client.get(`${API}/home/steps`)).json() as HomeStepsResponse).items.find((s) => s.key === 'drill');

describe('home page during an incident', () => {
  it('sends everyone to the headquarters of an open real incident and warns of systems near or past their target', async () => {
    const { client, orgId } = await createOrgWithUser(t);
    // Two systems for the same 10-hour operation; one down 9 hours (90 %), one in an incident 11 hours old.
    const app = await createItem(client, 'system', { name: '予約システム', dependencyLevel: 3 });
    const op = await createItem(client, 'operation', {
      name: '会員受付',
      importance: 3,
      rtoOverride: { kind: 'duration', minutes: 600 },
    });
    await linkNodes(client, node('operation', op), node('system', app));
    expect(await incidentFindings(client)).toEqual([]);

    const real = await declare(client, {
      mode: 'real',
      title: 'ランサムウェア被害',
      beganAt: new Date(Date.now() - 9 * HOUR).toISOString(),
    });
    const found = await incidentFindings(client);
    expect(found).toEqual([
      {
        code: 'incident_active',
        severity: 'critical',
        params: { incident: 'ランサムウェア被害', since: real.beganAt },
        link: `/incidents/${real.id}`,
      },
      {
        code: 'incident_rto_warning',
        severity: 'warning',
        params: {
          incident: 'ランサムウェア被害',
          system: '予約システム',
          target: { kind: 'duration', minutes: 600 },
          elapsed: expect.any(Number),
          left: expect.any(Number),
        },
        link: `/incidents/${real.id}`,
      },
    ]);
    const left = found[1]!.params.left as number;
    expect(left).toBeGreaterThan(55);
    expect(left).toBeLessThanOrEqual(60);

    // A member who only reads sees it too; another organization sees nothing of it.
    const member = await addUserToOrg(t, orgId, 'member');
    expect((await incidentFindings(member.client)).map((f) => f.code)).toEqual([
      'incident_active',
      'incident_rto_warning',
    ]);
    const other = await createOrgWithUser(t);
    expect(await incidentFindings(other.client)).toEqual([]);

    // Past the target: critical, with how long past it. A drill's clock does not raise warnings.
    await declare(client, {
      mode: 'real',
      title: '二日目',
      beganAt: new Date(Date.now() - 11 * HOUR).toISOString(),
    });
    await declare(client, {
      mode: 'drill',
      title: '訓練',
      beganAt: new Date(Date.now() - 11 * HOUR).toISOString(),
    });
    const later = await incidentFindings(client);
    const breached = later.find((f) => f.code === 'incident_rto_breached');
    expect(breached).toMatchObject({
      severity: 'critical',
      params: { incident: '二日目', system: '予約システム' },
    });
    expect(breached!.params.left as number).toBeGreaterThanOrEqual(59);
    expect(later.filter((f) => f.code === 'drill_active')).toMatchObject([
      { severity: 'info', params: { incident: '訓練' } },
    ]);
    expect(later.filter((f) => f.code.startsWith('incident_rto_') && f.params.incident === '訓練')).toEqual(
      [],
    );

    // Closed: the incident and its warnings leave the home page.
    const closed = await client.post(
      `${API}/incidents/${real.id}/close`,
      { summary: '復旧' },
      { 'if-match': `"${real.version}"` },
    );
    expect(closed.statusCode, closed.body).toBe(200);
    expect(
      (await incidentFindings(client)).filter((f) => f.params.incident === 'ランサムウェア被害'),
    ).toEqual([]);
  });

  it('adds the drill step to the path: not started, in progress while a drill is open, done once closed', async () => {
    const { client } = await createOrgWithUser(t);
    expect(await drillStep(client)).toEqual({
      key: 'drill',
      state: 'not_started',
      params: { drills: 0 },
      link: '/incidents',
    });
    const drill = await declare(client, { mode: 'drill', title: '訓練' });
    expect((await drillStep(client))?.state).toBe('in_progress');
    const closed = await client.post(
      `${API}/incidents/${drill.id}/close`,
      { summary: '訓練終了' },
      { 'if-match': `"${drill.version}"` },
    );
    expect(closed.statusCode, closed.body).toBe(200);
    expect(await drillStep(client)).toMatchObject({
      state: 'done',
      params: { drills: 1, date: closed.json().closedAt },
    });
  });
});
