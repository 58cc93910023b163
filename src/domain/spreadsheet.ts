/**
 * The pure stages of every spreadsheet import (people, the inventory registers) and the helpers
 * their exports share: decode a CSV's bytes, map the header row to fields, read a cell's word as
 * a code, find duplicates in the file, and decide per row whether it creates, updates or leaves a
 * record as it is. No I/O: src/server/files/ reads the files, the modules store the rows.
 */

import { localDay } from './local-time.js';

// --- Encoding ---

export type DecodeResult = { ok: true; text: string; encoding: 'utf-8' | 'shift_jis' } | { ok: false };

/**
 * Text of a CSV file: UTF-8 (with or without BOM), else Shift_JIS/CP932 (what Excel writes on
 * Japanese Windows). Anything else, or binary content, is refused.
 * @example decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])) // { ok: true, text: 'A', encoding: 'utf-8' }
 */
export function decodeText(bytes: Uint8Array): DecodeResult {
  // UTF-16 (Excel's "Unicode text") is not CSV as we accept it.
  if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  ) {
    return { ok: false };
  }
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let result: DecodeResult = { ok: false };
  try {
    result = {
      ok: true,
      text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes),
      encoding: 'utf-8',
    };
  } catch {
    if (!hasBom) {
      try {
        // TextDecoder('shift_jis') decodes Windows-31J (CP932), including NEC/IBM extensions.
        result = {
          ok: true,
          text: new TextDecoder('shift_jis', { fatal: true }).decode(bytes),
          encoding: 'shift_jis',
        };
      } catch {
        return { ok: false };
      }
    }
  }
  // NUL means a binary file (or UTF-16 without its BOM), not text. Other control characters are
  // strays in a text file: row validation names the row and the field that carries one.
  if (result.ok && result.text.includes('\u0000')) return { ok: false };
  return result;
}

// --- Words ---

/**
 * The form in which a header or a word of a list is compared: width (ＳａａＳ, ｶﾅ), case, spaces,
 * '_', '-', '・' and '/' do not matter ('Employee Number' = 'employee_number', '社内 に設置' = '社内に設置').
 * @example wordKey('ＳａａＳ（サービスとして利用）') // 'saas(サービスとして利用)'
 */
function wordKey(word: string): string {
  return word
    .normalize('NFKC')
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[\s_\-・/]/g, '');
}

/** Names of sites, departments and people match regardless of case, width and surrounding spaces. */
export function lookupKey(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase();
}

const PARENTHESISED = /\(([^()]*)\)/g;

/**
 * A reader of one list's words: each code is known by itself and by the words given for it (both
 * languages' labels, as the screen shows them, and common short forms). A label with a part in
 * brackets is also known without it and by the part alone (`SaaS（サービスとして利用）`, `SaaS`),
 * unless that would name two codes.
 * @example wordReader([['saas', ['SaaS（サービスとして利用）']]])('ｓａａｓ') // 'saas'
 */
export function wordReader<C extends string | number>(
  entries: readonly (readonly [C, readonly string[]])[],
): (word: string) => C | undefined {
  const exact = new Map<string, C>();
  const loose = new Map<string, C | null>();
  const addLoose = (key: string, code: C) => {
    if (key === '' || exact.has(key)) return;
    const seen = loose.get(key);
    loose.set(key, seen === undefined || seen === code ? code : null);
  };
  for (const [code, words] of entries) {
    exact.set(wordKey(String(code)), code);
    for (const w of words) exact.set(wordKey(w), code);
  }
  for (const [code, words] of entries)
    for (const w of words) {
      const key = wordKey(w);
      addLoose(key.replace(PARENTHESISED, ''), code);
      for (const m of key.matchAll(PARENTHESISED)) addLoose(m[1] ?? '', code);
    }
  return (word) => {
    const key = wordKey(word);
    if (key === '') return undefined;
    return exact.get(key) ?? loose.get(key) ?? loose.get(key.replace(PARENTHESISED, '')) ?? undefined;
  };
}

// --- Headers ---

export type HeaderMapping<F extends string> =
  | { ok: true; fields: (F | null)[] }
  | { ok: false; missing: string[]; unknown: string[]; duplicate: string[] };

/**
 * The field of each column (null for a blank header: ignored), from the words each field is known
 * by (Japanese or English, mixed if need be). Refused: the required column missing (named by
 * `requiredLabel`), unknown headers, a field given twice.
 * @example mapHeaderRow(['氏名', 'E-mail'], { name: ['氏名'], email: ['email'] }, 'name', '氏名 / name') // { ok: true, fields: ['name', 'email'] }
 */
export function mapHeaderRow<F extends string>(
  headers: readonly string[],
  aliases: Readonly<Partial<Record<F, readonly string[]>>>,
  required: F,
  requiredLabel: string,
): HeaderMapping<F> {
  const index = new Map<string, F>();
  for (const [field, words] of Object.entries(aliases) as [F, readonly string[] | undefined][])
    for (const w of words ?? []) index.set(wordKey(w), field);
  const fields: (F | null)[] = [];
  const unknown: string[] = [];
  const duplicate: string[] = [];
  const seen = new Set<F>();
  for (const raw of headers) {
    const h = raw.trim();
    if (wordKey(h) === '') {
      fields.push(null);
      continue;
    }
    const field = index.get(wordKey(h));
    if (!field) unknown.push(h);
    else if (seen.has(field)) duplicate.push(h);
    else seen.add(field);
    fields.push(field && !duplicate.includes(h) ? field : null);
  }
  const missing = seen.has(required) ? [] : [requiredLabel];
  if (missing.length || unknown.length || duplicate.length) return { ok: false, missing, unknown, duplicate };
  return { ok: true, fields };
}

// --- Rows ---

export interface RowError {
  row: number;
  field?: string;
  code: string;
  params?: Record<string, string | number>;
}

/** True when every cell is blank: such rows are skipped, not errors. */
export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

/**
 * Remembers a key (a name, an employee number) across the file; a key seen again is an error on
 * the later row, naming the first.
 * @example const seen = new Map(); duplicateInFile(seen, 'A1', 2, 'employeeNumber'); duplicateInFile(seen, 'A1', 5, 'employeeNumber') // error with firstRow 2
 */
export function duplicateInFile(
  seen: Map<string, number>,
  key: string | null,
  row: number,
  field: string,
): RowError | null {
  if (!key) return null;
  const first = seen.get(key);
  if (first !== undefined) return { row, field, code: 'duplicate_in_file', params: { firstRow: first } };
  seen.set(key, row);
  return null;
}

// Export writes "'" before cells a spreadsheet would run as a formula; import takes it off again.
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell safe to open in a spreadsheet: formulas are neutralised with a leading "'". */
export function guardFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function unguardFormula(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

// --- Commit ---

export interface UpsertPlan<V, E, C> {
  inserts: V[];
  updates: { value: V; current: E; changes: C }[];
  unchanged: number;
}

/**
 * What committing the valid rows does: a row whose key matches a stored record updates it with
 * the changes `changesOf` finds (null: nothing differs, the record and its version stay as they
 * are); any other row is created. The stored records are looked up once, by the caller.
 * @example planUpserts([{ k: 'a', v: 1 }], new Map([['a', { v: 1 }]]), (r) => r.k, (r, e) => (r.v === e.v ? null : { v: r.v })) // { inserts: [], updates: [], unchanged: 1 }
 */
export function planUpserts<V, E, C>(
  values: readonly V[],
  existing: ReadonlyMap<string, E>,
  keyOf: (value: V) => string | null,
  changesOf: (value: V, current: E) => C | null,
): UpsertPlan<V, E, C> {
  const plan: UpsertPlan<V, E, C> = { inserts: [], updates: [], unchanged: 0 };
  for (const value of values) {
    const key = keyOf(value);
    const current = key === null ? undefined : existing.get(key);
    if (current === undefined) {
      plan.inserts.push(value);
      continue;
    }
    const changes = changesOf(value, current);
    if (changes === null) plan.unchanged++;
    else plan.updates.push({ value, current, changes });
  }
  return plan;
}

// --- File names ---

/**
 * The date part of every export's file name: the day in the organization's time zone, YYYY-MM-DD
 * (a file exported in Tokyo at 08:00 is named for that day, not the UTC day before).
 * @example fileDate(new Date('2026-03-31T23:30:00Z'), 'Asia/Tokyo') // '2026-04-01'
 */
export function fileDate(now: Date, timeZone: string): string {
  return localDay(now, timeZone);
}
