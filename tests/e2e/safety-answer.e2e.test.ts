import { describe, expect, it } from 'vitest';
import { HomePage } from './pages/home-page.js';
import { IncidentsPage } from './pages/incidents-page.js';
import { SafetyAnswerPage } from './pages/safety-answer-page.js';
import { expectAccessible, newContext } from './support/browser.js';
import { horizontalOverflow } from './support/layout.js';
import { useOwnerSession, withPhone } from './support/session.js';

/**
 * 安否確認 end to end: an employee opens the personal link from the mail on a 375 px phone and
 * answers; the phone loses the network, the employee answers again (kept on the phone), the
 * network comes back and the answer goes out by itself, once. The HQ page on another screen shows
 * the updated answer live, and the person's history holds exactly the two answers. The owner (who
 * signs in with 花子's address), asked in another drill, finds the request first on the home page of
 * a phone and answers it with one tap.
 */
describe('safety answer page', () => {
  let incidentId = '';
  const s = useOwnerSession({
    arrange: async (owner) => {
      await owner.call('POST', '/people', { name: '岡山 花子', email: 'hanako@example.jp' });
      await owner.call('POST', '/people', { name: '倉敷 次郎', email: 'jiro@example.jp' });
      const incident = await owner.call<{ id: string }>('POST', '/incidents', {
        type: 'earthquake',
        mode: 'drill',
        title: '地震訓練',
      });
      incidentId = incident.id;
      await owner.call('POST', `/incidents/${incident.id}/safety/requests`, {});
    },
  });

  it('answers on a phone, again while offline, and HQ sees exactly one updated answer live', async () => {
    const mail = await s.server.db.kysely
      .selectFrom('outbound_messages')
      .select('body')
      .where('recipient', '=', 'hanako@example.jp')
      .executeTakeFirstOrThrow();
    const token = /\/a\/([A-Za-z0-9_-]{43})/.exec(mail.body)?.[1] ?? '';
    expect(token).toHaveLength(43);

    // The HQ screen (desktop) on the safety tab.
    const hq = new IncidentsPage(s.page);
    await hq.goto(s.server.url, `/incidents/${incidentId}#safety`);
    const row = () => s.page.getByRole('row').filter({ hasText: '岡山 花子' });
    await s.page
      .locator('label')
      .filter({ hasText: /^全員$/ })
      .click();
    await row().getByText('未回答').waitFor();
    await expectAccessible(s.page, 'safety check on the HQ page');

    const context = await newContext(s.browser, { phone: true });
    try {
      const phone = new SafetyAnswerPage(await context.newPage());
      await phone.goto(s.server.url, token);
      expect(await horizontalOverflow(phone.page)).toBe(0);
      await expectAccessible(phone.page, 'safety answer page on a phone');
      await phone.answer('無事');
      await phone.status().getByText('受け付けました').waitFor();
      await row().getByText('無事', { exact: true }).waitFor();

      // No network: the answer is kept on the phone, and sent by itself when the network returns.
      await context.setOffline(true);
      await phone.answer('軽いけが', '足首をひねりました');
      await phone.status().getByText('電波が戻ったら自動で送ります').waitFor();
      expect(await phone.pending()).toMatchObject({ body: { status: 'minor_injury' } });
      await context.setOffline(false);
      await phone.status().getByText('受け付けました').waitFor();
      expect(await phone.pending()).toBeNull();
      await expectAccessible(phone.page, 'safety answer page after sending');

      // HQ follows live (no reload): the updated answer, once.
      await row().getByText('軽いけが', { exact: true }).waitFor();
      await row().getByText('足首をひねりました').waitFor();
      const overview = await s.api.call<{ recipients: { id: string; name: string }[] }>(
        'GET',
        `/incidents/${incidentId}/safety`,
      );
      const hanako = overview.recipients.find((r) => r.name === '岡山 花子');
      const history = await s.api.call<{ items: { status: string }[] }>(
        'GET',
        `/incidents/${incidentId}/safety/recipients/${hanako?.id}/answers`,
      );
      expect(history.items.map((a) => a.status)).toEqual(['minor_injury', 'safe']);
      // A reload of the page re-sends nothing.
      await phone.page.reload();
      await phone.page.getByRole('heading', { level: 1, name: '安否確認' }).waitFor();
      const again = await s.api.call<{ items: unknown[] }>(
        'GET',
        `/incidents/${incidentId}/safety/recipients/${hanako?.id}/answers`,
      );
      expect(again.items).toHaveLength(2);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('puts the owner’s own unanswered request first on the home page at 375 px; one tap answers it', async () => {
    // The owner signs in with 岡山 花子's address, so a request to everyone reaches them too.
    const drill = await s.api.call<{ id: string }>('POST', '/incidents', {
      type: 'earthquake',
      mode: 'drill',
      title: '朝の安否訓練',
    });
    await s.api.call('POST', `/incidents/${drill.id}/safety/requests`, {});
    await withPhone(s.browser, { signInAt: s.server.url }, async (page) => {
      const home = new HomePage(page);
      await home.goto(s.server.url);
      const prompt = home.safetyPrompt().filter({ hasText: '朝の安否訓練' });
      await prompt.waitFor();
      expect(await horizontalOverflow(page)).toBe(0);
      // The card is the first thing under the page's title, before the next step.
      const cardTop = (await prompt.boundingBox())?.y ?? Infinity;
      const nextTop = (await home.nextStep().boundingBox())?.y ?? -Infinity;
      expect(cardTop).toBeLessThan(nextTop);
      await expectAccessible(page, 'home page with a safety request on a phone');

      await prompt.getByRole('button', { name: 'いま回答する' }).click();
      const answer = new SafetyAnswerPage(page);
      await page.getByRole('heading', { level: 1, name: '安否確認' }).waitFor();
      await answer.answer('無事');
      await answer.status().getByText('受け付けました').waitFor();

      await home.goto(s.server.url);
      expect(await home.safetyPrompt().filter({ hasText: '朝の安否訓練' }).count()).toBe(0);
      await expectAccessible(page, 'home page after answering');
    });
    const overview = await s.api.call<{ recipients: { name: string; status: string | null }[] }>(
      'GET',
      `/incidents/${drill.id}/safety`,
    );
    expect(overview.recipients.find((r) => r.name === '岡山 花子')).toMatchObject({ status: 'safe' });
    expect(overview.recipients.find((r) => r.name === '倉敷 次郎')).toMatchObject({ status: null });
  }, 90_000);

  it('shows the safety check on a 375 px phone: totals, groups and people as cards, nothing sideways', async () => {
    await withPhone(s.browser, { signInAt: s.server.url }, async (page) => {
      const hq = new IncidentsPage(page);
      await hq.goto(s.server.url, `/incidents/${incidentId}#safety`);
      await page.getByRole('heading', { name: /一人ひとりの回答/ }).waitFor();
      await page.getByRole('button', { name: '未回答者に再送' }).waitFor();
      expect(await horizontalOverflow(page)).toBe(0);
      await expectAccessible(page, 'safety check on a phone');
    });
  }, 60_000);
});
