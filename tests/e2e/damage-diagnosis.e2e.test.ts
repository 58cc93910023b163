import { describe, expect, it } from 'vitest';
import { DamagePage } from './pages/damage-page.js';
import { DiagnosisPage } from './pages/diagnosis-page.js';
import { Shell } from './pages/shell.js';
import { expectAccessible, screenshot } from './support/browser.js';
import { useOwnerSession } from './support/session.js';

const OPERATION = '受注から出荷まで';
const MANUFACTURER = '製造業（ランサムウェアで生産ライン停止）';
const RETAILER = '小売業（会員情報の漏えいとサイト閉鎖）';

/** The seven answers of a company that could get by on paper while its data is safe (竹). */
const TAKE_ANSWERS: [question: string, option: string][] = [
  ['システムが今日止まったら', 'データさえ無事なら、しばらくは手作業で回せる'],
  ['パソコンやサーバーはどのくらい', '数台のパソコンと共有フォルダ（NASなど）'],
  ['ITを主に何に使っていますか', 'メール、ウェブ、SNS、表計算や文書作成'],
  ['お客様とのやり取り', 'メール、SNS、ホームページで連絡を取る'],
  ['個人情報をどのくらい', '取引先・お客様の連絡先と従業員の情報くらい'],
  ['社内のITは誰が見ていますか', '他の仕事と兼務の担当者がいる'],
  ['何日まで商売を続けられますか', '数日なら何とかなる'],
];

describe('damage estimate and tier diagnosis in the browser', () => {
  const s = useOwnerSession({
    arrange: async (owner) => {
      await owner.call('POST', '/inventory/operations', { name: OPERATION, importance: 3 });
      await owner.call('POST', '/people', { name: '佐藤 一郎', nameKana: 'サトウ イチロウ' });
    },
  });

  it('estimates the manufacturer case: ¥10.4M, about 1 % of sales, attached to an operation', async () => {
    await new Shell(s.page).goTo('被害額の試算');
    const damage = new DamagePage(s.page);
    await damage.waitUntilShown();
    await damage.cases().getByText('合計 1,040万円（年間売上の約 1.0%）').waitFor();
    await damage.cases().getByText('合計 3,570万円（年間売上の約 11.9%）').waitFor();
    await expectAccessible(s.page, 'damage estimates (empty)');

    const form = await damage.startFrom(MANUFACTURER);
    expect(await damage.amount(form, '試算の名前').inputValue()).toBe(MANUFACTURER);
    // A case keeps the sales of the company it describes, apart from this company's own.
    expect(await damage.amount(form, 'この試算だけの年間売上').inputValue()).toBe('1,000,000,000');
    expect(await damage.amount(form, '調査・復旧費用').inputValue()).toBe('10,000,000');
    expect(await damage.amount(form, '逸失利益').inputValue()).toBe('400,000');
    expect(await damage.amount(form, '損害賠償').inputValue()).toBe('');
    expect(await damage.total(form)).toEqual(['合計 1,040万円（10,400,000円）', '年間売上の 1.0%']);
    await damage.linkTo(form, OPERATION);
    await screenshot(s.page, 'damage-form');
    await expectAccessible(s.page, 'damage estimate form');
    await damage.save(form);

    expect(await damage.estimates()).toEqual([
      { name: MANUFACTURER, total: '1,040万円（10,400,000円）', share: '1.0%', link: OPERATION },
    ]);
    await expectAccessible(s.page, 'damage estimates (one)');
  });

  it('recomputes the total while typing, and saves the change', async () => {
    const damage = new DamagePage(s.page);
    const form = await damage.open(MANUFACTURER);
    // Two days stopped instead of one.
    await damage.setAmount(form, '逸失利益', 800_000);
    expect(await damage.total(form)).toEqual(['合計 1,080万円（10,800,000円）', '年間売上の 1.1%']);
    await damage.save(form);
    expect((await damage.estimates())[0]).toMatchObject({
      total: '1,080万円（10,800,000円）',
      share: '1.1%',
    });
    const saved = await s.api.call<{ items: { totalYen: number; operationId: string | null }[] }>(
      'GET',
      '/damage/estimates',
    );
    expect(saved.items[0]).toMatchObject({ totalYen: 10_800_000, operationId: expect.any(String) });
  });

  it('starts an estimate from the retailer case card: seven categories, ¥35.7M, about 12 % of sales', async () => {
    const damage = new DamagePage(s.page);
    const form = await damage.startFromCase(RETAILER);
    expect(await damage.amount(form, 'この試算だけの年間売上').inputValue()).toBe('300,000,000');
    const amounts: [string, string][] = [];
    for (const label of [
      '損害賠償',
      '訴訟費用',
      '調査・復旧費用',
      'お客様対応費用',
      '社告・公表費用',
      '法律相談費用',
      '逸失利益',
    ])
      amounts.push([label, await damage.amount(form, label).inputValue()]);
    expect(amounts).toEqual([
      ['損害賠償', '1,000,000'],
      ['訴訟費用', '3,000,000'],
      ['調査・復旧費用', '16,500,000'],
      ['お客様対応費用', '6,000,000'],
      ['社告・公表費用', '5,000,000'],
      ['法律相談費用', '200,000'],
      ['逸失利益', '4,000,000'],
    ]);
    expect(await damage.total(form)).toEqual(['合計 3,570万円（35,700,000円）', '年間売上の 11.9%']);
    // Closed without saving: nothing is added.
    await s.page.keyboard.press('Escape');
    await form.waitFor({ state: 'hidden' });
    expect(await damage.estimates()).toHaveLength(1);
  });

  it('puts the focus on the missing name, refuses an amount it cannot read, and stores 2,740万 exactly', async () => {
    const damage = new DamagePage(s.page);
    const form = await damage.startFrom('白紙から作る');
    // Saved without a name: the name field gets the focus and says what is missing.
    await form.getByRole('button', { name: '保存', exact: true }).click();
    const name = damage.amount(form, '試算の名前');
    await s.page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
    expect(await name.evaluate((el) => el === document.activeElement)).toBe(true);
    await form.getByText('入力してください。').waitFor();
    await name.fill('顧客データの消失');

    // "3億円くらい" is not an amount: refused with a message, the text kept, nothing sent.
    const compensation = damage.amount(form, '損害賠償');
    await compensation.fill('3億円くらい');
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await form.getByText('金額として読めません。', { exact: false }).waitFor();
    expect(await compensation.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await compensation.inputValue()).toBe('3億円くらい');

    await compensation.fill('2,740万');
    await form.getByText('2,740万円（27,400,000円）として保存します').waitFor();
    await damage.save(form);
    const saved = await s.api.call<{ items: { name: string; amounts: Record<string, number> }[] }>(
      'GET',
      '/damage/estimates',
    );
    expect(saved.items.find((e) => e.name === '顧客データの消失')?.amounts.compensation).toBe(27_400_000);
    expect(await damage.estimates()).toContainEqual(
      expect.objectContaining({ name: '顧客データの消失', total: '2,740万円（27,400,000円）' }),
    );
  });

  it('places the company in 竹 from its answers and says why', async () => {
    await new Shell(s.page).goTo('IT依存度診断');
    const diagnosis = new DiagnosisPage(s.page);
    await diagnosis.waitUntilShown();
    await diagnosis.questions().getByText('あと 7問').waitFor();
    expect(await diagnosis.submitButton().isDisabled()).toBe(true);
    await expectAccessible(s.page, 'diagnosis questionnaire');

    for (const [question, option] of TAKE_ANSWERS) await diagnosis.answer(question, option);
    expect(await diagnosis.submitButton().isDisabled()).toBe(false);
    await diagnosis.submit();

    const result = diagnosis.result();
    await result.waitFor();
    expect(await result.getByRole('heading', { level: 2 }).textContent()).toBe(
      '診断結果：竹（ITへの依存度が中くらい）',
    );
    await result.getByText('データさえ残っていれば手作業でしのげます。', { exact: false }).waitFor();
    // Every answer pointed to 竹; the one worth most points comes first.
    const reasons = await diagnosis.reasons();
    expect(reasons).toHaveLength(7);
    expect(reasons[0]).toBe(
      'システムが今日止まったら、主な仕事を紙や電話など手作業で続けられますか？ → データさえ無事なら、しばらくは手作業で回せる',
    );
    await screenshot(s.page, 'diagnosis-result');
    await expectAccessible(s.page, 'diagnosis result');
  });

  it('turns a recommended measure into a task with an owner and a due date', async () => {
    const diagnosis = new DiagnosisPage(s.page);
    await diagnosis.tasks().getByText('まだタスクはありません。', { exact: false }).waitFor();
    const measure = 'ファイルサーバーに重要文書を集め、バックアップする';
    // 08:00 in Tokyo is still the day before in UTC: the suggested due date (90 days for this
    // measure) counts from the user's own today.
    await s.page.clock.setFixedTime(new Date('2026-03-01T08:00:00+09:00'));
    await diagnosis.tickMeasure(measure);
    expect(await diagnosis.dueDate().inputValue()).toBe('2026-05-30');
    await diagnosis.chooseOwner('佐藤 一郎');
    await diagnosis.dueDate().fill('2026-12-25');
    await diagnosis.makeTasks();
    await s.page.getByText('1件のタスクを作りました').waitFor();
    await diagnosis.tasks().getByRole('table').waitFor();
    expect(await diagnosis.taskRows()).toEqual([
      { title: measure, owner: '佐藤 一郎', due: '2026/12/25', status: '未着手' },
    ]);
    // The measure is marked as made a task, links to it, and cannot be ticked again.
    const made = diagnosis.measure(measure);
    await made.getByText('タスク化済み').waitFor();
    expect(await made.getByRole('checkbox').isDisabled()).toBe(true);
    expect(await made.getByRole('link', { name: `タスクを見る：${measure}` }).getAttribute('href')).toMatch(
      /^#task-/,
    );
    // Backups are done on the backups page: the measure links there.
    await made.getByRole('link', { name: 'バックアップの画面を開く' }).waitFor();

    await diagnosis.setTaskStatus(measure, '進行中');
    await s.page.getByText('タスクを更新しました').waitFor();
    expect((await diagnosis.taskRows())[0]?.status).toBe('進行中');
    await expectAccessible(s.page, 'diagnosis with a task');
  });

  it('keeps the history when the questionnaire is taken again', async () => {
    const diagnosis = new DiagnosisPage(s.page);
    await diagnosis.result().getByRole('button', { name: 'もう一度診断する' }).click();
    // The previous answers are filled in; change the ones that make the work stop without IT.
    await diagnosis.answer('システムが今日止まったら', '続けられない。システムがないと仕事が止まる');
    await diagnosis.answer(
      'パソコンやサーバーはどのくらい',
      '多数のパソコン、サーバー、専用の業務システムがある',
    );
    await diagnosis.answer(
      'ITを主に何に使っていますか',
      '受発注・生産管理・予約・POS・顧客管理などの業務システム',
    );
    await diagnosis.answer('お客様とのやり取り', 'ネットやシステム経由で注文・予約・支払いをする');
    await diagnosis.submit();
    await s.page.getByRole('heading', { name: '診断結果：松（ITへの依存度が高い）' }).waitFor();
    const history = await diagnosis.history().getByRole('listitem').allTextContents();
    expect(history).toHaveLength(2);
    expect(history[0]).toContain('松（ITへの依存度が高い）');
    expect(history[1]).toContain('竹（ITへの依存度が中くらい）');
    // The task made from the first result stays.
    expect(await diagnosis.taskRows()).toHaveLength(1);
  });
});
