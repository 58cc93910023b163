import { describe, expect, it } from 'vitest';
import { IncidentsPage } from './pages/incidents-page.js';
import { expectAccessible } from './support/browser.js';
import { horizontalOverflow } from './support/layout.js';
import { offsetClock } from './support/server.js';
import { signInAsOwner, useOwnerSession } from './support/session.js';

const MINUTE = 60_000;

/**
 * The incident headquarters on a 375 px phone: the owner starts a drill in one click, writes a
 * chronology entry stamped "now", corrects it (the original stays, struck through); a second
 * browser on the same headquarters sees both arrive live, without reloading. Then, on a real
 * incident, time passes (the server's clock and the page's are moved together) and the recovery
 * tracker warns at 80 % of a system's target recovery time and again when it is exceeded.
 */
describe('incident headquarters in the browser', () => {
  const clock = offsetClock();
  const s = useOwnerSession({
    phone: true,
    clock: clock.now,
    arrange: async (owner) => {
      await owner.call('POST', '/people', { employeeNumber: 'E1', name: '岡山 一郎' });
    },
  });

  it('starts a drill, records and corrects an entry on a phone, closes it, and a second screen follows live', async () => {
    const hq = new IncidentsPage(s.page);
    await hq.goto(s.server.url);
    await expectAccessible(s.page, 'incident list on a phone');
    await hq.startDrill();
    const hqPath = new URL(s.page.url()).pathname;
    expect(await horizontalOverflow(s.page)).toBe(0);
    await expectAccessible(s.page, 'drill headquarters on a phone');

    // A second screen (a desktop at the headquarters) on the same incident.
    const second = await signInAsOwner(s.browser, s.server.url);
    try {
      const wall = new IncidentsPage(second.page);
      await wall.goto(s.server.url, hqPath);
      await wall.heading('訓練: ランサムウェア被害').waitFor();
      await expectAccessible(second.page, 'drill headquarters on a second screen');

      await hq.addEntry('受付PCの画面に脅迫文が出ている');
      await wall.entryText('受付PCの画面に脅迫文が出ている').waitFor();

      await hq.correct('受付PCの画面に脅迫文が出ている', '訂正: 脅迫文が出ているのは本社の事務PC');
      expect(await hq.isStruckThrough('受付PCの画面に脅迫文が出ている')).toBe(true);
      expect(await hq.isStruckThrough('訂正: 脅迫文が出ているのは本社の事務PC')).toBe(false);
      expect(await horizontalOverflow(s.page)).toBe(0);
      await expectAccessible(s.page, 'chronology with a correction on a phone');

      await wall.entryText('訂正: 脅迫文が出ているのは本社の事務PC').waitFor();
      await expect
        .poll(() => wall.isStruckThrough('受付PCの画面に脅迫文が出ている'), { timeout: 10_000 })
        .toBe(true);

      // The roster holds the organization's people and is edited on the phone: off shift, under
      // If-Match. The tracker says plainly when nothing is tracked.
      await hq.openTab('体制');
      await s.page.getByText('岡山 一郎', { exact: true }).first().waitFor();
      await s.page.getByRole('button', { name: '岡山 一郎さんを当番から外す' }).click();
      await s.page.getByRole('button', { name: '岡山 一郎さんを当番にする' }).waitFor();
      expect(await horizontalOverflow(s.page)).toBe(0);
      await expectAccessible(s.page, 'editable roster on a phone');
      await hq.openTab('IT復旧');
      await s.page.getByText('追跡しているシステムはありません。').waitFor();
      await expectAccessible(s.page, 'IT recovery tracker on a phone');

      // Closed with its lessons: the form to write is gone, on both screens.
      await hq.close('受付の連絡網を見直す');
      await s.page.getByText('受付の連絡網を見直す').waitFor();
      await wall.page.getByRole('main').getByText('終結', { exact: true }).waitFor();
      expect(await wall.page.getByRole('button', { name: '記録する', exact: true }).count()).toBe(0);
      await expectAccessible(s.page, 'closed drill on a phone');
    } finally {
      await second.context.close();
    }
  }, 180_000);

  it('warns on the tracker and on home when a system nears and then passes its target recovery time', async () => {
    // The reservation system must be back within 60 minutes (set on its operation).
    const op = await s.api.call<{ id: string }>('POST', '/inventory/operations', {
      name: '会員の予約受付',
      importance: 3,
      rtoOverride: { kind: 'duration', minutes: 60 },
    });
    const system = await s.api.call<{ id: string }>('POST', '/inventory/systems', { name: '予約システム' });
    await s.api.call('POST', '/inventory/edges', {
      fromType: 'operation',
      fromId: op.id,
      toType: 'system',
      toId: system.id,
    });
    const incident = await s.api.call<{ id: string }>('POST', '/incidents', {
      type: 'ransomware',
      mode: 'real',
      title: '予約システムが止まった',
    });
    // A ransomware attack touches every layer: the tracker holds the system from the start.
    const tracked = await s.api.call<{ systems: { systemId: string }[] }>(
      'GET',
      `/incidents/${incident.id}/tracker`,
    );
    expect(tracked.systems.map((t) => t.systemId)).toEqual([system.id]);

    // The page's timers follow a clock the test moves; time flows normally until then.
    await s.page.clock.install();
    const hq = new IncidentsPage(s.page);
    await hq.goto(s.server.url, `/incidents/${incident.id}`);
    await hq.openTab('IT復旧');
    await s.page.getByRole('main').getByText('1. 予約システム', { exact: true }).first().waitFor();
    expect(await s.page.getByTestId('rto-warnings').count()).toBe(0);

    // 50 minutes later (83 % of the target) the tracker refreshes by itself and warns.
    clock.advance(50 * MINUTE);
    await s.page.clock.fastForward(50 * MINUTE);
    const warnings = s.page.getByTestId('rto-warnings');
    await warnings.getByText('予約システム：目標復旧時間の8割を過ぎました。', { exact: false }).waitFor();
    await expectAccessible(s.page, 'tracker warning at 80 % on a phone');
    const home = await s.api.call<{ items: { code: string; params: { system?: string } }[] }>(
      'GET',
      '/home/findings',
    );
    expect(home.items.filter((f) => f.code === 'incident_rto_warning').map((f) => f.params.system)).toEqual([
      '予約システム',
    ]);

    // 15 minutes more: past the target, and the warning says so.
    clock.advance(15 * MINUTE);
    await s.page.clock.fastForward(15 * MINUTE);
    await warnings.getByText('予約システム：目標復旧時間を', { exact: false }).waitFor();
    expect(await warnings.textContent()).toContain('過ぎています');
    expect(await horizontalOverflow(s.page)).toBe(0);
    const later = await s.api.call<{ items: { code: string }[] }>('GET', '/home/findings');
    expect(later.items.map((f) => f.code)).toContain('incident_rto_breached');
  }, 120_000);
});
