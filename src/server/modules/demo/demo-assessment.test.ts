import { afterEach, describe, expect, it } from 'vitest';
import type { ActionPlan, AssessmentList, AssetList } from '../../../shared/assessment.js';
import { verifyAuditChains } from '../../audit-trail/audit.js';
import { createTestApp, type TestApp, TestClient } from '../../test/harness.js';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

const API = '/api/v1';

describe('demo security self-assessment (demo-assessment.yaml)', () => {
  it('loads the gym chain’s telework assessment half done, with three overdue actions the home page reports', async () => {
    t = await createTestApp();
    const client = new TestClient(t.app);
    const loaded = await client.post(`${API}/setup/demo`);
    expect(loaded.statusCode, loaded.body).toBe(200);

    const list = (await client.get(`${API}/assessments`)).json() as AssessmentList;
    expect(list.items).toHaveLength(1);
    const a = list.items[0];
    expect(a).toMatchObject({ itemCount: 59, decided: 29, overdueActions: 3 });
    expect(a?.openActions).toBe(7);

    const plan = (await client.get(`${API}/assessments/${a?.id}/actions`)).json() as ActionPlan;
    expect(plan.items.filter((x) => x.overdue)).toHaveLength(3);
    expect(plan.items.filter((x) => x.overdue).every((x) => x.ownerName)).toBe(true);
    expect(plan.items.filter((x) => x.status === 'done')).toHaveLength(2);
    // The burn-down goes back to the day of the assessment and comes down when actions were done.
    expect(plan.burndown.length).toBeGreaterThan(70);
    expect(plan.burndown[0]?.open).toBe(9);
    expect(plan.burndown.at(-1)?.open).toBe(7);

    const assets = (await client.get(`${API}/assessments/${a?.id}/assets`)).json() as AssetList;
    expect(assets.items.find((x) => x.secrecy === 'top_secret')).toMatchObject({
      mustEncrypt: true,
      systemName: expect.any(String),
    });

    const findings = (await client.get(`${API}/home/findings`)).json();
    expect(findings.items).toContainEqual(
      expect.objectContaining({
        code: 'assessment_action_overdue',
        params: expect.objectContaining({ count: 3 }),
      }),
    );
    const steps = (await client.get(`${API}/home/steps`)).json();
    expect(steps.items).toContainEqual(expect.objectContaining({ key: 'assessment', state: 'in_progress' }));
    expect((await verifyAuditChains(t.db.kysely)).breaks).toEqual([]);
  });
});
