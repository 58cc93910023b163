import { describe, expect, it } from 'vitest';
import { IncidentsPage } from './pages/incidents-page.js';
import { expectAccessible } from './support/browser.js';
import { horizontalOverflow } from './support/layout.js';
import { useOwnerSession } from './support/session.js';

/**
 * On a 375 px phone: the earthquake trigger's settings are saved from the incident list (without
 * BASE_URL it says what to set instead of showing a push address), and a
 * drill's situation report opens from its headquarters, marked as a drill, with its sections and a
 * PDF link; nothing overflows sideways.
 */
describe('situation report and earthquake trigger in the browser', () => {
  const s = useOwnerSession({ phone: true });

  it('saves the trigger settings and opens a drill’s report on a phone', async () => {
    const hq = new IncidentsPage(s.page);
    await hq.goto(s.server.url);
    const settings = s.page.getByRole('region', { name: '地震の自動起動' });
    await settings.getByRole('switch', { name: '地震の自動起動を使う' }).check({ force: true });
    await settings.getByRole('radio', { name: 'すぐに送る' }).check({ force: true });
    await settings.getByRole('button', { name: '保存する' }).click();
    await settings.getByText('保存しました。').waitFor();
    // This server has no BASE_URL: the push address is not guessed from the browser; it says what to set.
    await settings.getByText('送り先のアドレスがまだ決まっていません').waitFor();
    await settings.getByText(/BASE_URL に設定し/).waitFor();
    expect(await horizontalOverflow(s.page)).toBe(0);
    await expectAccessible(s.page, 'earthquake trigger settings on a phone');

    await hq.startDrill();
    await s.page.getByRole('link', { name: '状況報告' }).click();
    await s.page.getByRole('heading', { name: '状況報告', level: 2 }).waitFor();
    await s.page.getByText('【訓練】これは訓練の報告です').waitFor();
    await s.page.getByText('安否確認の集計はまだありません。').waitFor();
    await s.page.getByRole('heading', { name: '目標復旧時間に遅れている・迫っているシステム' }).waitFor();
    const pdf = await s.page.getByRole('link', { name: 'PDFで保存' }).getAttribute('href');
    expect(pdf).toMatch(/\/situation\.pdf\?lang=ja$/);
    expect(await horizontalOverflow(s.page)).toBe(0);
    await expectAccessible(s.page, 'situation report on a phone');
  });
});
