import { afterEach, describe, expect, it } from 'vitest';
import type { Board, Entry, Incident, Tracker } from '../../../shared/incidents.js';
import type { SafetyOverview } from '../../../shared/safety.js';
import { verifyAuditChains } from '../../audit-trail/audit.js';
import { createTestApp, type TestApp, TestClient } from '../../test/harness.js';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

const API = '/api/v1';

describe('demo incident drill (demo-incidents.yaml)', () => {
  it('loads the gym chain’s past ransomware drill, closed, with its chronology, decisions, tasks and tracker', async () => {
    t = await createTestApp();
    const client = new TestClient(t.app);
    expect((await client.post(`${API}/setup/demo`)).statusCode).toBe(200);

    const list = await client.get(`${API}/incidents?mode=drill`);
    expect(list.statusCode, list.body).toBe(200);
    const [drill, ...more] = list.json().items as Incident[];
    expect(more).toEqual([]);
    expect(drill).toMatchObject({ mode: 'drill', type: 'ransomware', status: 'closed' });
    expect(drill?.closeSummary).toContain('ノートPC');
    expect(Date.parse(drill!.beganAt)).toBeLessThan(Date.now() - 30 * 86_400_000);
    expect(drill?.roster.map((m) => m.role)).toEqual(
      expect.arrayContaining(['chief', 'deputy', 'information', 'it_recovery', 'liaison']),
    );
    expect((await client.get(`${API}/incidents?mode=real`)).json().items).toEqual([]);

    const entries = (await client.get(`${API}/incidents/${drill!.id}/chronology`)).json() as {
      items: Entry[];
    };
    expect(entries.items.length).toBe(9);
    const wrong = entries.items.find((e) => e.text === 'バックアップ用PCは無事。');
    const fix = entries.items.find((e) => e.correctsId === wrong?.id);
    expect(wrong?.correctedById).toBe(fix?.id);
    expect(fix?.text).toContain('訂正');

    const board = (await client.get(`${API}/incidents/${drill!.id}/board`)).json() as Board;
    expect(board.decisions.map((d) => d.decision)).toContain('対策本部を立ち上げ、身代金は払わない。');
    expect(board.tasks).toHaveLength(4);
    expect(board.tasks.every((x) => x.ownerName)).toBe(true);

    const tracker = (await client.get(`${API}/incidents/${drill!.id}/tracker`)).json() as Tracker;
    expect(tracker.systems).toHaveLength(3);
    expect(tracker.systems.filter((s) => s.state === 'recovered')).toHaveLength(2);

    // The home page shows the drill as done; no incident is open.
    const steps = (await client.get(`${API}/home/steps`)).json();
    expect(steps.items.find((s: { key: string }) => s.key === 'drill')).toMatchObject({ state: 'done' });
    expect((await verifyAuditChains(t.db.kysely)).breaks).toEqual([]);
  });

  it('gives the drill a safety check answered over time: totals, a proxy answer, two non-responders, answer times', async () => {
    t = await createTestApp();
    const client = new TestClient(t.app);
    expect((await client.post(`${API}/setup/demo`)).statusCode).toBe(200);
    const [drill] = (await client.get(`${API}/incidents?mode=drill`)).json().items as Incident[];
    const res = await client.get(`${API}/incidents/${drill!.id}/safety`);
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json() as SafetyOverview;
    expect(o.mode).toBe('drill');
    expect(o.totals.no_answer).toBe(2);
    expect(o.totals.minor_injury).toBe(1);
    expect(o.totals.safe).toBe(o.recipients.length - 3);
    expect(o.recipients.filter((r) => r.latest?.proxyBy !== null && r.latest !== null)).toHaveLength(1);
    const a = o.answerTimes;
    expect(a.answered).toBe(o.recipients.length - 2);
    expect(a.p25).toBeGreaterThan(0);
    expect(a.p25! <= a.p50! && a.p50! <= a.p75!).toBe(true);
    expect(a.to80).toBeGreaterThan(a.p50!);
    expect(a.to80).toBeLessThanOrEqual(115);
  });
});
