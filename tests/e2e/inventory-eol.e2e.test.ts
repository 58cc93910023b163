import { describe, expect, it } from 'vitest';
import { localDateAfter } from '../../src/web/app/dates.js';
import { InventoryPage } from './pages/inventory-page.js';
import { expectAccessible } from './support/browser.js';
import { useOwnerSession } from './support/session.js';

describe('inventory: systems whose support has ended or ends soon', () => {
  const dates = { ended: localDateAfter(-1), soon: localDateAfter(30), later: localDateAfter(400) };
  const s = useOwnerSession({
    arrange: async (owner) => {
      // A long description, as real ones are, leaves the other columns little room.
      const description = '経理担当のPCに入っている会計ソフト。仕訳・決算・給与の振込データを作る。'.repeat(
        3,
      );
      await owner.call('POST', '/inventory/systems', {
        name: '古い会計ソフト',
        eolDate: dates.ended,
        description,
      });
      await owner.call('POST', '/inventory/systems', { name: '受付サーバー', eolDate: dates.soon });
      await owner.call('POST', '/inventory/systems', { name: '新しい予約システム', eolDate: dates.later });
    },
  });

  it('says so in words beside the date, and nothing for a date far ahead', async () => {
    const inventory = new InventoryPage(s.page);
    await inventory.goto(s.server.url, 'systems');
    expect(await inventory.names('systems')).toHaveLength(3);
    const row = (name: string) =>
      s.page.getByRole('main').getByRole('row').filter({ hasText: name }).textContent();
    expect(await row('古い会計ソフト')).toContain(`${dates.ended.replaceAll('-', '/')}サポート終了`);
    expect(await row('受付サーバー')).toContain(`${dates.soon.replaceAll('-', '/')}まもなく終了`);
    const later = await row('新しい予約システム');
    expect(later).toContain(dates.later.replaceAll('-', '/'));
    expect(later).not.toMatch(/サポート終了|まもなく終了/);
    // The whole word shows, not "サポ…": the badge is as wide as its text.
    const badge = s.page.getByRole('main').getByRole('table').getByText('サポート終了', { exact: true });
    const fits = await badge.evaluate((el) => el.scrollWidth <= el.clientWidth);
    expect(fits).toBe(true);
    await expectAccessible(s.page, 'systems with end-of-life badges');
  });
});
