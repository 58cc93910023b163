import { describe, expect, it } from 'vitest';
import { RecoveryPage } from './pages/recovery-page.js';
import { Shell } from './pages/shell.js';
import { expectAccessible } from './support/browser.js';
import { horizontalOverflow } from './support/layout.js';
import { signInAsOwner, useOwnerSession } from './support/session.js';

const SYSTEM = '会員管理システム';

/**
 * The recovery plan in the browser: the owner creates a system's procedure from the 001 template,
 * sees that phase 1 misses the 3-hour target and by how much, is refused a negative time with a
 * message on the field, shortens a step until the target is met; and the page works on a phone.
 */
describe('recovery plan in the browser', () => {
  const s = useOwnerSession({
    arrange: async (owner) => {
      const system = await owner.call<{ id: string }>('POST', '/inventory/systems', {
        name: SYSTEM,
        dependencyLevel: 3,
      });
      const op = await owner.call<{ id: string }>('POST', '/inventory/operations', {
        name: '入館受付',
        importance: 3,
        rtoOverride: { kind: 'duration', minutes: 180 },
      });
      await owner.call('POST', '/inventory/edges', {
        fromType: 'operation',
        fromId: op.id,
        toType: 'system',
        toId: system.id,
      });
    },
  });

  it('creates a procedure from the template and flags a phase 1 that misses its target', async () => {
    await new Shell(s.page).goTo('復旧計画');
    const recovery = new RecoveryPage(s.page);
    await recovery.status().getByText('1件中 0件').waitFor();
    await expectAccessible(s.page, 'recovery plan (no procedure)');

    await recovery.openSystem(SYSTEM);
    await recovery.createFromTemplate();
    // 30 min + 1 h + 2 h + 30 min one after the other; arranging the backup runs alongside.
    await recovery
      .feasibility()
      .getByText(/4時間かかり、目標復旧時間（3時間）より1時間遅れます/)
      .waitFor();
    expect(await recovery.phase1Steps().count()).toBe(5);
    await expectAccessible(s.page, 'procedure (misses its target)');

    await recovery.setDuration(3, '-2時間');
    await recovery.save();
    await s.page.getByText('時間にマイナスは入れられません。').waitFor();
    // Nothing was saved.
    const plan = await s.api.call<{ systems: { procedureId: string | null }[] }>('GET', '/recovery');
    const unchanged = await s.api.call<{ version: number }>(
      'GET',
      `/recovery/procedures/${plan.systems[0]?.procedureId ?? ''}`,
    );
    expect(unchanged.version).toBe(1);

    await recovery.setDuration(3, '1時間');
    await recovery.save();
    await recovery
      .feasibility()
      .getByText(/3時間で戻り、目標復旧時間に間に合います/)
      .waitFor();
    await expectAccessible(s.page, 'procedure (meets its target)');
  }, 180_000);

  it('shows the plan and the first response on a 375 px phone', async () => {
    const phone = await signInAsOwner(s.browser, s.server.url, { phone: true });
    try {
      const recovery = new RecoveryPage(phone.page);
      await recovery.goto(s.server.url);
      await recovery.status().getByText('1件中 1件').waitFor();
      expect(await horizontalOverflow(phone.page)).toBe(0);
      await expectAccessible(phone.page, 'recovery plan on a phone');
      await recovery.goto(s.server.url, '/recovery/first-response');
      await phone.page.getByText('個人情報保護委員会（確報）').waitFor();
      expect(await horizontalOverflow(phone.page)).toBe(0);
      await expectAccessible(phone.page, 'first response on a phone');
    } finally {
      await phone.context.close();
    }
  });
});
