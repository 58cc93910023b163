/**
 * Pure rules of the people import/export (the shared stages are in spreadsheet.ts): header words, row validation and
 * the cells written on export. No I/O here; the people module parses files and stores results.
 */

import {
  EMPLOYMENT_STATUS_LABELS,
  EMPLOYMENT_STATUSES,
  type EmploymentStatus,
  type Locale,
} from './organization.js';
import {
  EMAIL_RE,
  KANA_RE,
  PEOPLE_FILE_COLUMNS,
  PERSON_LIMITS,
  type PeopleFileField,
  PHONE_RE,
} from './people.js';
import { findPrefecture, prefectureByCode } from './prefectures.js';
import {
  lookupKey,
  mapHeaderRow,
  type RowError,
  type HeaderMapping as SheetHeaderMapping,
  unguardFormula,
  wordReader,
} from './spreadsheet.js';
import { checkSingleLineText } from './text-rules.js';

// --- Headers ---

/** Other words an employment status is known by in a file. */
const STATUS_ALIASES: readonly (readonly [string, EmploymentStatus])[] = [
  ['パート', 'part_time'],
  ['アルバイト', 'part_time'],
  ['契約', 'contract'],
  ['嘱託', 'contract'],
  ['派遣', 'temporary'],
  ['派遣社員', 'temporary'],
  ['臨時', 'temporary'],
  ['役員', 'executive'],
  ['休職', 'on_leave'],
  ['正規', 'full_time'],
  ['正職員', 'full_time'],
];

const HEADER_ALIASES: Record<PeopleFileField, string[]> = {
  employeeNumber: [
    '社員番号',
    '従業員番号',
    '社員no',
    '社員no.',
    'employeenumber',
    'employeeno',
    'employeeid',
  ],
  name: ['氏名', '名前', '従業員名', 'name', 'fullname'],
  nameKana: ['フリガナ', 'ふりがな', 'カナ', '氏名カナ', '氏名(カナ)', 'namekana', 'kana'],
  email: ['メールアドレス', 'メール', 'eメール', 'email', 'emailaddress', 'mail'],
  phone: ['電話番号', '電話', '携帯電話', 'phone', 'phonenumber', 'tel'],
  chatHandle: ['チャットid', 'チャット', 'chathandle', 'chatid', 'chat'],
  site: ['拠点', '事業所', '拠点名', 'site', 'sitename'],
  department: ['部署', '所属部署', '部署名', 'department', 'departmentname', 'dept'],
  homePrefecture: ['自宅都道府県', '都道府県', '居住都道府県', 'homeprefecture', 'prefecture'],
  employmentStatus: ['雇用区分', '雇用形態', 'employmentstatus', 'employmenttype', 'status'],
};

export type HeaderMapping = SheetHeaderMapping<PeopleFileField>;

/**
 * The field of each column (null for a blank header: ignored). Japanese or English headers, mixed
 * if need be. Refused: a missing 氏名/name column, unknown headers, a field given twice.
 * @example mapHeaders(['氏名', 'email']) // { ok: true, fields: ['name', 'email'] }
 */
export function mapHeaders(headers: readonly string[]): HeaderMapping {
  return mapHeaderRow(headers, HEADER_ALIASES, 'name', '氏名 / name');
}

// --- Values ---

const readStatus = wordReader<EmploymentStatus>(
  EMPLOYMENT_STATUSES.map((code) => [
    code,
    [
      EMPLOYMENT_STATUS_LABELS[code].ja,
      EMPLOYMENT_STATUS_LABELS[code].en,
      ...STATUS_ALIASES.filter(([, c]) => c === code).map(([alias]) => alias),
    ],
  ]),
);

/** @example parseEmploymentStatus('パート') // 'part_time' */
export function parseEmploymentStatus(input: string): EmploymentStatus | undefined {
  return readStatus(input);
}

// --- Rows ---

export interface ImportLookups {
  /** Active sites by normalized name (see lookupKey). */
  sites: ReadonlyMap<string, string>;
  departments: ReadonlyMap<string, string>;
}

/** A person's fields as a file holds them, read (import) or written (export) alike. */
interface PersonFileFields {
  employeeNumber: string | null;
  name: string;
  nameKana: string | null;
  email: string | null;
  phone: string | null;
  chatHandle: string | null;
  homePrefecture: string | null;
  employmentStatus: EmploymentStatus;
}

export interface ImportedPerson extends PersonFileFields {
  row: number;
  siteId: string | null;
  departmentId: string | null;
}

export interface RowResult {
  value: ImportedPerson | null;
  errors: RowError[];
}

/**
 * Validates one data row. `row` is the spreadsheet row number (header = 1).
 * @example validateRow(['山田太郎'], ['name'], 2, lookups).value?.name // '山田太郎'
 */
export function validateRow(
  cells: readonly string[],
  fields: readonly (PeopleFileField | null)[],
  row: number,
  lookups: ImportLookups,
): RowResult {
  const errors: RowError[] = [];
  const fail = (field: string, code: string, params?: Record<string, string | number>) =>
    errors.push({ row, field, code, ...(params ? { params } : {}) });
  const raw: Partial<Record<PeopleFileField, string>> = {};
  // Every column is one line of text: a cell with a control, bidi or zero-width character is
  // refused as the API would refuse it, and the row is not stored.
  const refused = new Set<PeopleFileField>();
  fields.forEach((f, i) => {
    if (!f) return;
    const value = unguardFormula((cells[i] ?? '').trim()).trim();
    const problem = checkSingleLineText(value);
    if (problem) {
      fail(f, problem.code, { character: problem.character });
      refused.add(f);
    } else raw[f] = value;
  });
  if (cells.slice(fields.length).some((c) => c.trim() !== '')) {
    errors.push({ row, code: 'column_count', params: { expected: fields.length } });
  }

  const text = (field: keyof typeof PERSON_LIMITS, value: string | undefined): string | null => {
    if (!value) return null;
    if (value.length > PERSON_LIMITS[field]) {
      fail(field, 'too_long', { maximum: PERSON_LIMITS[field] });
      return null;
    }
    return value;
  };

  const name = text('name', raw.name);
  if (!raw.name && !refused.has('name')) fail('name', 'required');
  const employeeNumber = text('employeeNumber', raw.employeeNumber?.normalize('NFKC'));

  let nameKana = text('nameKana', raw.nameKana?.normalize('NFKC'));
  if (nameKana && !KANA_RE.test(nameKana)) {
    fail('nameKana', 'invalid_kana');
    nameKana = null;
  }
  let email = text('email', raw.email?.normalize('NFKC'));
  if (email && !EMAIL_RE.test(email)) {
    fail('email', 'invalid_email');
    email = null;
  }
  // Dashes typed in Japanese input (−, ー, ‐ …) are hyphens in a phone number.
  let phone = text('phone', raw.phone?.normalize('NFKC').replace(/[\u2010-\u2015\u2212\u30FC\uFF70]/g, '-'));
  if (phone && !PHONE_RE.test(phone)) {
    fail('phone', 'invalid_phone');
    phone = null;
  }
  const chatHandle = text('chatHandle', raw.chatHandle);

  let siteId: string | null = null;
  if (raw.site) {
    siteId = lookups.sites.get(lookupKey(raw.site)) ?? null;
    if (!siteId) fail('site', 'unknown_site');
  }
  let departmentId: string | null = null;
  if (raw.department) {
    departmentId = lookups.departments.get(lookupKey(raw.department)) ?? null;
    if (!departmentId) fail('department', 'unknown_department');
  }
  let homePrefecture: string | null = null;
  if (raw.homePrefecture) {
    homePrefecture = findPrefecture(raw.homePrefecture)?.code ?? null;
    if (!homePrefecture) fail('homePrefecture', 'unknown_prefecture');
  }
  let employmentStatus: EmploymentStatus = 'full_time';
  if (raw.employmentStatus) {
    const s = parseEmploymentStatus(raw.employmentStatus);
    if (s) employmentStatus = s;
    else fail('employmentStatus', 'unknown_employment_status');
  }

  if (errors.length || !name) return { value: null, errors };
  return {
    value: {
      row,
      employeeNumber,
      name,
      nameKana,
      email,
      phone,
      chatHandle,
      siteId,
      departmentId,
      homePrefecture,
      employmentStatus,
    },
    errors,
  };
}

// --- Export ---

export interface ExportablePerson extends PersonFileFields {
  siteName: string | null;
  departmentName: string | null;
}

/** Header row of an export, in the language asked for; the import accepts both. */
export function exportHeaders(lang: Locale): string[] {
  return PEOPLE_FILE_COLUMNS.map((c) => c[lang]);
}

/** One person as export cells (labels in the language asked for), in PEOPLE_FILE_COLUMNS order. */
export function exportCells(p: ExportablePerson, lang: Locale): string[] {
  const pref = p.homePrefecture ? prefectureByCode(p.homePrefecture) : undefined;
  const values: Record<PeopleFileField, string> = {
    employeeNumber: p.employeeNumber ?? '',
    name: p.name,
    nameKana: p.nameKana ?? '',
    email: p.email ?? '',
    phone: p.phone ?? '',
    chatHandle: p.chatHandle ?? '',
    site: p.siteName ?? '',
    department: p.departmentName ?? '',
    homePrefecture: pref ? pref[lang] : (p.homePrefecture ?? ''),
    employmentStatus: EMPLOYMENT_STATUS_LABELS[p.employmentStatus][lang],
  };
  return PEOPLE_FILE_COLUMNS.map((c) => values[c.field]);
}
