import { describe, expect, it } from 'vitest';
import { localDateAfter } from '../../src/web/app/dates.js';
import { InventoryPage } from './pages/inventory-page.js';
import { expectAccessible } from './support/browser.js';
import { useOwnerSession } from './support/session.js';

describe('inventory: systems whose support has ended or ends soon', () => {
  const dates = { ended: localDateAfter(-1), soon: localDateAfter(30), later: localDateAfter(400) };
  const s = useOwnerSession({
    arrange: async (owner) => {
      await owner.call('POST', '/inventory/systems', { name: '古い会計ソフト', eolDate: dates.ended });
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
    expect(await row('古い会計ソフト')).toContain(`${dates.ended}サポート終了`);
    expect(await row('受付サーバー')).toContain(`${dates.soon}まもなく終了`);
    const later = await row('新しい予約システム');
    expect(later).toContain(dates.later);
    expect(later).not.toMatch(/サポート終了|まもなく終了/);
    await expectAccessible(s.page, 'systems with end-of-life badges');
  });
});
