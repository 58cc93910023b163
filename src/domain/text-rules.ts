/**
 * What may be stored in a text or date field, as pure rules: src/shared/fields.ts turns them into
 * the zod field types every API schema uses, and file imports (src/domain/people-import.ts, the
 * inventory workbook) apply the same rules to each cell.
 *
 * Why: NUL breaks PostgreSQL text (the request would fail with a 500) and is cut short elsewhere;
 * ANSI escapes and C1 controls rewrite a terminal that prints an export or a log; bidirectional
 * overrides (U+202E) and zero-width characters make one name look like another.
 */

/** C0 controls except tab, LF and CR; DEL; C1 controls. */
const CONTROL = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F';
/** Bidirectional marks, embeddings, overrides and isolates (Trojan Source, CVE-2021-42574). */
const BIDI = '\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069';
/** Zero-width space, non-joiner, joiner, word joiner, invisible operators, BOM. */
const ZERO_WIDTH = '\\u200B-\\u200D\\u2060-\\u2064\\uFEFF';
/** Tab, line feed, carriage return, line and paragraph separators. */
const BREAKS = '\\t\\n\\r\\u2028\\u2029';
/** Half of a UTF-16 surrogate pair on its own cannot be stored as UTF-8 (it would become U+FFFD). */
const LONE_SURROGATE = '\\uD800-\\uDFFF';

const SINGLE_LINE_BAD = new RegExp(`[${CONTROL}${BIDI}${ZERO_WIDTH}${LONE_SURROGATE}]`, 'u');
const SINGLE_LINE_BREAK = new RegExp(`[${BREAKS}]`, 'u');
// A CR is allowed only as part of CRLF, so no line can be overwritten by what follows it.
const MULTI_LINE_BAD = new RegExp(`[${CONTROL}${BIDI}${LONE_SURROGATE}]|\\r(?!\\n)`, 'u');

export type TextProblem = 'text_line_break' | 'text_invisible_character';

/** The character as U+XXXX, so the person can be told which one (it cannot be seen). */
function codePointOf(match: string): string {
  return `U+${(match.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * What is wrong with one line of text, or null when nothing is.
 * @example checkSingleLineText('Acme\u202Egpj.exe') // { code: 'text_invisible_character', character: 'U+202E' }
 * @example checkSingleLineText('Line one\nline two') // { code: 'text_line_break', character: 'U+000A' }
 */
export function checkSingleLineText(value: string): { code: TextProblem; character: string } | null {
  const bad = SINGLE_LINE_BAD.exec(value);
  if (bad) return { code: 'text_invisible_character', character: codePointOf(bad[0]) };
  const br = SINGLE_LINE_BREAK.exec(value);
  if (br) return { code: 'text_line_break', character: codePointOf(br[0]) };
  return null;
}

/**
 * What is wrong with a multi-line text (tab and line breaks are fine), or null.
 * @example checkMultilineText('first\r\nsecond') // null
 * @example checkMultilineText('\u001b[31mred') // { code: 'text_invisible_character', character: 'U+001B' }
 */
export function checkMultilineText(value: string): { code: TextProblem; character: string } | null {
  const bad = MULTI_LINE_BAD.exec(value);
  return bad ? { code: 'text_invisible_character', character: codePointOf(bad[0]) } : null;
}

const HIDDEN_ALL = new RegExp(`[${CONTROL}${BIDI}${ZERO_WIDTH}${BREAKS}${LONE_SURROGATE}]`, 'gu');

/**
 * Text refused by the rules above, made safe to show back in a message: each hidden character is
 * written as <U+XXXX> (a bidi override drawn as itself would reverse the rest of the sentence).
 * @example showHidden('メモ\u202Egpj') // 'メモ<U+202E>gpj'
 */
export function showHidden(value: string): string {
  return value.replace(HIDDEN_ALL, (ch) => `<${codePointOf(ch)}>`);
}

export const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Whether a YYYY-MM-DD text names a day on the (proleptic Gregorian) calendar, years 0001–9999.
 * @example isRealDate('2024-02-29') // true
 * @example isRealDate('2023-02-29') // false
 * @example isRealDate('2100-02-29') // false (not a leap year: divisible by 100 but not by 400)
 */
export function isRealDate(value: string): boolean {
  const m = DATE_SHAPE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const days = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}
