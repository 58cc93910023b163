import { describe, expect, it } from 'vitest';
import { BackupPlanPage } from './pages/backup-plan-page.js';
import { Shell } from './pages/shell.js';
import { expectAccessible, screenshot } from './support/browser.js';
import { fieldError } from './support/fields.js';
import { horizontalOverflow } from './support/layout.js';
import { useOwnerSession } from './support/session.js';

const SYSTEM = '会員管理システム';
const REACHABLE = '本番のネットワークから届く（同じLAN・共有フォルダなど）';

async function arrange(owner: { call: (m: 'POST', p: string, b: unknown) => Promise<unknown> }) {
  await owner.call('POST', '/inventory/systems', { name: SYSTEM, dependencyLevel: 3 });
}

/** Writes a plan for the system: the 3-2-1 verdict changes as each copy is added. */
async function writeThePlan(plan: BackupPlanPage): Promise<void> {
  await plan.writePlanFor(SYSTEM);
  expect(await plan.verdict321()).toBe('3-2-1を満たさない');
  await plan.verdictPanel().getByText('データが本番を含めて1つしかありません。3つ以上必要です。').waitFor();

  await plan.addCopy({ medium: 'NAS（ネットワーク上のディスク）' });
  await plan.verdictPanel().getByText('データが3つ以上（いま2つ、本番を含む）').waitFor();
  expect(await plan.verdict321()).toBe('3-2-1を満たさない');

  // 001: the backup PC is marked offline, but production's network reaches it.
  const usb = await plan.addCopy({
    medium: '外付けディスク・USBメモリ',
    location: '別の拠点・自宅など',
    connection: 'オフライン（ふだんは切り離す）',
    checks: [REACHABLE],
  });
  await plan
    .verdictPanel()
    .getByText(/写し3は「オフライン」とされていますが、本番のネットワークから届きます/)
    .waitFor();
  expect(await plan.verdict321()).toBe('3-2-1を満たさない');

  await usb.getByRole('checkbox', { name: REACHABLE }).uncheck();
  await plan.verdictPanel().getByTestId('verdict-321').getByText('満たしています').waitFor();
  await plan.verdictPanel().getByText('バックアップから戻せるか、一度も試していません。').waitFor();
}

describe('backup plan in the browser', () => {
  const s = useOwnerSession({ arrange });

  it('writes a plan through the editor, the 3-2-1 verdict changing as copies are added', async () => {
    await new Shell(s.page).goTo('バックアップ計画');
    const plan = new BackupPlanPage(s.page);
    await plan.waitUntilShown();
    expect(await plan.summaryLine().textContent()).toBe(
      '1件のうち、計画があるのは0件、すべての確認を満たしているのは0件です。',
    );
    await expectAccessible(s.page, 'backup plan (no plan yet)');

    await writeThePlan(plan);
    await screenshot(s.page, 'backup-plan-editor');
    await expectAccessible(s.page, 'backup plan editor');

    // A negative frequency is refused under its field, and nothing is saved.
    const every = s.page.getByRole('main').getByRole('textbox', { name: '何ごとに' });
    await every.fill('-1');
    await plan.save();
    expect(await fieldError(every)).toBe('マイナスの時間は入力できません。');
    await every.fill('1');
    await plan.save();

    await plan.waitUntilShown();
    expect(await plan.summaryLine().textContent()).toBe(
      '1件のうち、計画があるのは1件、すべての確認を満たしているのは0件です。',
    );
    expect(await plan.verdictOf(SYSTEM)).toBe('3-2-1は満たす・要確認');
    await expectAccessible(s.page, 'backup plan (one plan)');
  });
});

describe('backup plan on a 375 px phone', () => {
  const s = useOwnerSession({ arrange, phone: true });

  it('writes the same plan, with nothing wider than the screen', async () => {
    await new Shell(s.page).goTo('バックアップ計画');
    const plan = new BackupPlanPage(s.page);
    await plan.waitUntilShown();
    expect(await horizontalOverflow(s.page)).toBe(0);
    await expectAccessible(s.page, 'backup plan on a phone');

    await writeThePlan(plan);
    expect(await horizontalOverflow(s.page)).toBe(0);
    await screenshot(s.page, 'backup-plan-editor-phone');
    await expectAccessible(s.page, 'backup plan editor on a phone');
    await plan.save();
    await plan.waitUntilShown();
    expect(await plan.verdictOf(SYSTEM)).toBe('3-2-1は満たす・要確認');
    expect(await horizontalOverflow(s.page)).toBe(0);
  });
});
