import ExcelJS from 'exceljs';
import { IMPACT_ASPECTS } from '../../../domain/assessment.js';
import { REQUIREMENT_LEVEL_LABELS } from '../../../domain/checklist.js';
import type { Locale } from '../../../domain/organization.js';
import { guardFormula, unguardFormula } from '../../../domain/spreadsheet.js';
import type { AnswerUpdate, Assessment, AssessmentItem } from '../../../shared/assessment.js';
import { unprocessable } from '../../errors.js';
import { cellText, loadWorkbook } from '../../files/xlsx.js';
import { type AssetForSheet, type AssetSheetRow, addAssetSheet, readAssetSheet } from './asset-sheet.js';

/**
 * The assessment as the paper sheet of 004 §11 lays it out: the policy's columns (No, category,
 * measure, detail, threat scenario, threat classes) and, shaded grey, the company's evaluation
 * (current state, the four impacts with their reasons, the decision with its deadline or reason,
 * damage against cost). Row 2 names the checklists and versions the sheet was made for, so a
 * filled sheet of another checklist or version is refused on import.
 */

const MARKER = 'keizoku:assessment';
const HEADER_ROW = 4;
const FIRST_ROW = 5;

const WORDS = {
  ja: {
    title: (t: string) => `セキュリティ自己評価シート：${t}`,
    policy: 'セキュリティポリシーの内容',
    ours: '当社の評価',
    headers: [
      '項目ID',
      'No',
      '分類',
      '要求レベル',
      '対策項目',
      '対策詳細',
      '脅威シナリオ',
      '脅威分類',
      '現状',
      '機密性（情報の漏洩）',
      '完全性（情報の改ざん・消去）',
      '可用性（業務・事業の停止）',
      '否認防止・責任追跡性',
      '実施判定（実施済み・する・不要）',
      '期限（するとした場合）',
      '不要とする理由',
      '対策がないときの損害見込み（円）',
      '対策の費用（円）',
    ],
    threats: { leak: '情報漏洩', tamper: '情報改ざん', outage: '運用障害' },
    impact: { minor: '軽微', serious: '重大', critical: '極めて重大' },
    decision: { done: '実施済み', planned: 'する', not_needed: '不要' },
  },
  en: {
    title: (t: string) => `Security self-assessment sheet: ${t}`,
    policy: 'Security policy',
    ours: 'Our evaluation',
    headers: [
      'Item ID',
      'No',
      'Category',
      'Requirement level',
      'Measure',
      'Detail',
      'Threat scenario',
      'Threat classes',
      'Current state',
      'Confidentiality (leaks)',
      'Integrity (alteration, erasure)',
      'Availability (work stops)',
      'Accountability',
      'Decision (done / will do / not needed)',
      'Deadline (when will do)',
      'Why not needed',
      'Estimated damage without it (yen)',
      'Cost of the measure (yen)',
    ],
    threats: { leak: 'leak', tamper: 'tampering', outage: 'outage' },
    impact: { minor: 'minor', serious: 'serious', critical: 'critical' },
    decision: { done: 'done', planned: 'will do', not_needed: 'not needed' },
  },
} as const;

/** Which checklists (and versions) a sheet is for: "telework@1,five-rules@1". */
const sheetSignature = (a: Pick<Assessment, 'checklists'>): string =>
  a.checklists.map((c) => `${c.id}@${c.version}`).join(',');

const POLICY_COLUMNS = 8;
const GREY: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };

function impactCell(item: AssessmentItem, aspect: (typeof IMPACT_ASPECTS)[number], locale: Locale): string {
  const v = item.answer.impact[aspect];
  if (!v) return '';
  const word = WORDS[locale].impact[v.level];
  return v.reason ? `${word}：${v.reason}` : word;
}

/** The sheet of one assessment in the reader's language, plus its information assets. */
export async function assessmentWorkbook(
  a: Assessment,
  assets: readonly AssetForSheet[],
  locale: Locale,
): Promise<Buffer> {
  const w = WORDS[locale];
  const text = (t: { ja: string; en: string } | null) => (t ? t[locale] : '');
  const categories = new Map(a.categories.map((c) => [c.key, text(c.title)]));
  const book = new ExcelJS.Workbook();
  book.creator = 'keizoku';
  const sheet = book.addWorksheet(locale === 'ja' ? 'チェックシート' : 'Checklist sheet', {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.getCell(1, 1).value = w.title(a.title);
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(2, 1).value = MARKER;
  sheet.getCell(2, 2).value = sheetSignature(a);
  sheet.getRow(2).font = { color: { argb: 'FF888888' }, size: 8 };
  sheet.mergeCells(3, 1, 3, POLICY_COLUMNS);
  sheet.getCell(3, 1).value = w.policy;
  sheet.mergeCells(3, POLICY_COLUMNS + 1, 3, w.headers.length);
  sheet.getCell(3, POLICY_COLUMNS + 1).value = w.ours;
  sheet.getCell(3, POLICY_COLUMNS + 1).fill = GREY;
  sheet.getRow(3).font = { bold: true };
  const header = sheet.getRow(HEADER_ROW);
  w.headers.forEach((h, i) => {
    const cell = header.getCell(i + 1);
    cell.value = h;
    if (i >= POLICY_COLUMNS) cell.fill = GREY;
  });
  header.font = { bold: true };
  a.items.forEach((item, n) => {
    const values: (string | number | null)[] = [
      item.key,
      n + 1,
      categories.get(item.categoryKey) ?? '',
      REQUIREMENT_LEVEL_LABELS[item.level][locale],
      text(item.measure),
      [text(item.detail), ...item.parameters.map((p) => `${text(p.label)}: ${text(p.value)}`)]
        .filter(Boolean)
        .join('\n'),
      text(item.threatScenario),
      item.threatClasses.map((c) => w.threats[c]).join('、'),
      item.answer.currentState ?? '',
      ...IMPACT_ASPECTS.map((aspect) => impactCell(item, aspect, locale)),
      item.answer.decision ? w.decision[item.answer.decision] : '',
      item.answer.dueDate ?? '',
      item.answer.reason ?? '',
      item.answer.damageYen,
      item.answer.costYen,
    ];
    const row = sheet.getRow(FIRST_ROW + n);
    values.forEach((v, i) => {
      const cell = row.getCell(i + 1);
      // Every text is a string, never a formula (OWASP "CSV injection"); see files/xlsx.ts.
      cell.value = typeof v === 'string' ? guardFormula(v) : v;
      if (typeof v === 'string') cell.numFmt = '@';
      if (i >= POLICY_COLUMNS) cell.fill = GREY;
    });
  });
  const widths = [18, 5, 16, 10, 30, 45, 40, 16, 30, 26, 26, 26, 26, 16, 14, 26, 16, 14];
  widths.forEach((wd, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = wd;
    col.alignment = { wrapText: true, vertical: 'top' };
  });
  sheet.views = [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 1 }];

  addAssetSheet(book, assets, locale);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A word of either language back to its value ("重大" / "serious" → serious). */
function wordOf<K extends string>(pairs: readonly Record<K, string>[], word: string): K | null {
  const w = word.trim().toLowerCase();
  for (const dict of pairs)
    for (const [k, v] of Object.entries(dict) as [K, string][]) if (v.toLowerCase() === w) return k;
  return null;
}

function readImpact(cell: string) {
  const text = cell.trim();
  if (text === '') return null;
  const m = /^([^：:]+)[：:]\s*([\s\S]*)$/.exec(text);
  const word = (m?.[1] ?? text).trim();
  const reason = m?.[2]?.trim() || null;
  // An unknown word goes on as it is: the rules refuse it, naming the item.
  const level = wordOf([WORDS.ja.impact, WORDS.en.impact], word) ?? word;
  return { level, reason };
}

function readYen(value: ExcelJS.CellValue): number | null {
  const text = cellText(value).replace(/[,，円¥\s]/g, '');
  if (text === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? Math.round(n) : Number.NaN;
}

/**
 * The answers of a filled sheet, keyed by item, each only with what differs from `a` (an
 * unchanged sheet gives none), and the rows of its information-asset sheet (null when it has
 * none). Throws `sheet_not_assessment` for a file that is not such a sheet,
 * `sheet_wrong_checklist` naming both when it was made for other checklists or versions.
 */
export async function readAssessmentWorkbook(
  bytes: Buffer,
  a: Assessment,
): Promise<{ answers: Map<string, AnswerUpdate>; assets: AssetSheetRow[] | null }> {
  let book: ExcelJS.Workbook;
  try {
    book = await loadWorkbook(bytes);
  } catch {
    throw unprocessable('sheet_not_assessment');
  }
  const sheet = book.worksheets[0];
  if (!sheet || cellText(sheet.getCell(2, 1).value).trim() !== MARKER)
    throw unprocessable('sheet_not_assessment');
  const found = cellText(sheet.getCell(2, 2).value).trim();
  const expected = sheetSignature(a);
  if (found !== expected) throw unprocessable('sheet_wrong_checklist', { params: { expected, found } });

  const byKey = new Map(a.items.map((i) => [i.key, i]));
  const out = new Map<string, AnswerUpdate>();
  for (let r = FIRST_ROW; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const at = (c: number) => unguardFormula(cellText(row.getCell(c).value)).trim();
    const key = at(1);
    if (key === '') continue;
    const item = byKey.get(key);
    if (!item) {
      // A row the assessment does not have: the rules name it (decision_item_unknown).
      out.set(key, { currentState: at(9) || null });
      continue;
    }
    const answer = item.answer;
    const patch: AnswerUpdate = {};
    const state = at(9) || null;
    if (state !== answer.currentState) patch.currentState = state;
    const impact: NonNullable<AnswerUpdate['impact']> = {};
    IMPACT_ASPECTS.forEach((aspect, i) => {
      const read = readImpact(at(10 + i));
      const now = answer.impact[aspect];
      if (read === null) {
        if (now) impact[aspect] = null;
      } else if (!now || now.level !== read.level || (now.reason ?? null) !== read.reason)
        impact[aspect] = read;
    });
    if (Object.keys(impact).length) patch.impact = impact;
    const decisionWord = at(14);
    const status = decisionWord
      ? (wordOf([WORDS.ja.decision, WORDS.en.decision], decisionWord) ?? decisionWord)
      : null;
    const dueDate = at(15) || null;
    const reason = at(16) || null;
    const same =
      status === answer.decision &&
      (status !== 'planned' || dueDate === answer.dueDate) &&
      (status !== 'not_needed' || reason === answer.reason);
    if (!same) patch.decision = status === null ? null : { status, dueDate, reason };
    const damage = readYen(row.getCell(17).value);
    const cost = readYen(row.getCell(18).value);
    if (damage !== answer.damageYen) patch.damageYen = damage;
    if (cost !== answer.costYen) patch.costYen = cost;
    if (Object.keys(patch).length) out.set(key, patch);
  }
  return { answers: out, assets: readAssetSheet(book) };
}
