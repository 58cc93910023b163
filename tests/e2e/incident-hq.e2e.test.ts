import { describe, expect, it } from 'vitest';
import { IncidentsPage } from './pages/incidents-page.js';
import { expectAccessible } from './support/browser.js';
import { horizontalOverflow } from './support/layout.js';
import { signInAsOwner, useOwnerSession } from './support/session.js';

/**
 * The incident headquarters on a 375 px phone: the owner starts a drill in one click, writes a
 * chronology entry stamped "now", corrects it (the original stays, struck through); a second
 * browser on the same headquarters sees both arrive live, without reloading.
 */
describe('incident headquarters in the browser', () => {
  const s = useOwnerSession({
    phone: true,
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
});
