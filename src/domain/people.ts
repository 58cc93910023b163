/**
 * The words and limits of the people directory that both the API schemas (src/shared/people.ts)
 * and the file import (people-import.ts) use. Pure: no I/O, no zod.
 */

/** Katakana or hiragana (full or half width), with spaces, ー and ・. */
export const KANA_RE = /^[\u3040-\u309F\u30A0-\u30FF\uFF65-\uFF9F\u3000 ]+$/;
/** Digits, +, -, spaces and parentheses, with at least one digit. */
export const PHONE_RE = /^(?=.*\d)[0-9+\-() ]+$/;
/** A pragmatic email shape: something@domain.tld, no spaces. */
export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const PERSON_LIMITS = {
  employeeNumber: 50,
  name: 200,
  nameKana: 200,
  email: 254,
  phone: 30,
  chatHandle: 100,
} as const;

/** Columns of the import/export file, with the header names accepted in each language. */
export const PEOPLE_FILE_COLUMNS = [
  { field: 'employeeNumber', ja: '社員番号', en: 'employee_number' },
  { field: 'name', ja: '氏名', en: 'name' },
  { field: 'nameKana', ja: 'フリガナ', en: 'name_kana' },
  { field: 'email', ja: 'メールアドレス', en: 'email' },
  { field: 'phone', ja: '電話番号', en: 'phone' },
  { field: 'chatHandle', ja: 'チャットID', en: 'chat_handle' },
  { field: 'site', ja: '拠点', en: 'site' },
  { field: 'department', ja: '部署', en: 'department' },
  { field: 'homePrefecture', ja: '自宅都道府県', en: 'home_prefecture' },
  { field: 'employmentStatus', ja: '雇用区分', en: 'employment_status' },
] as const;
export type PeopleFileField = (typeof PEOPLE_FILE_COLUMNS)[number]['field'];
