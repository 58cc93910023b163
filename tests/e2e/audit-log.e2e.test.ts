import { describe, expect, it } from 'vitest';
import { AuditPage } from './pages/audit-page.js';
import { InventoryPage } from './pages/inventory-page.js';
import { expectAccessible } from './support/browser.js';
import { expectFitsPhone } from './support/layout.js';
import { useOwnerSession, withPhone } from './support/session.js';

/**
 * The owner edits an operation and reads it in the audit log as a sentence, with the changed
 * field's label and its value before and after, on a desktop and on a 375 px phone.
 */
describe('audit log: what the owner changed, in words', () => {
  const s = useOwnerSession({
    arrange: async (owner) => {
      const person = await owner.call<{ id: string }>('POST', '/people', { name: '山田 太郎' });
      await owner.call('POST', '/inventory/operations', {
        name: '入館受付',
        importance: 3,
        ownerPersonId: person.id,
      });
    },
  });

  it('shows 「業務『入館受付』を変更しました」 with 業務重要度 レベル 3 → レベル 2, and nothing internal', async () => {
    const inventory = new InventoryPage(s.page);
    await inventory.goto(s.server.url, 'operations');
    await inventory.edit('operations', '入館受付', { levels: { 業務重要度: 2 } });

    const audit = new AuditPage(s.page);
    await audit.goto(s.server.url);
    const changes = await audit.open('業務『入館受付』を変更しました');
    expect(await changes.getByRole('term').allTextContents()).toEqual(['業務重要度']);
    expect(await changes.getByRole('definition').allTextContents()).toEqual(['レベル 3 → レベル 2']);
    // The creation names the person in charge, never an id, a version or a code.
    const created = await audit.open('業務『入館受付』を追加しました');
    const text = (await audit.list().textContent()) ?? '';
    expect(await created.textContent()).toContain('山田 太郎');
    expect(text).not.toMatch(/operation\.update|ownerPersonId|version|[0-9a-f]{8}-[0-9a-f]{4}-/);
    await expectAccessible(s.page, 'audit log with an opened entry');

    await audit.search('入館受付');
    await audit.list().getByRole('button', { name: '業務『入館受付』を変更しました' }).waitFor();
  });

  it('reads the same on a 375 px phone, with nothing scrolling sideways', async () => {
    await withPhone(s.browser, { signInAt: s.server.url }, async (phone) => {
      const audit = new AuditPage(phone);
      await audit.goto(s.server.url);
      const changes = await audit.open('業務『入館受付』を変更しました');
      expect(await changes.getByRole('definition').allTextContents()).toEqual(['レベル 3 → レベル 2']);
      await expectFitsPhone(phone, 'audit-phone');
    });
  });
});
