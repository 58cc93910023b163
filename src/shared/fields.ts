import { z } from 'zod';
import { checkMultilineText, checkSingleLineText, DATE_SHAPE, isRealDate } from '../domain/text-rules.js';

/**
 * Building blocks for every text and date field the API accepts. Each refuses, with a field issue
 * code the web app translates (`issues.<code>`), what must never be stored:
 *
 * - `text()` for one line (names, titles, codes, ids, search words): no control characters at
 *   all, no line break or tab, no bidirectional controls, no zero-width characters.
 * - `multilineText()` for descriptions and notes: tab and line breaks allowed; other control
 *   characters and bidirectional controls refused.
 * - `isoDate()` for calendar dates: YYYY-MM-DD, and a day that exists.
 *
 * The rules themselves, and why, are in src/domain/text-rules.ts.
 */

function refuse(check: typeof checkSingleLineText) {
  return (value: string, ctx: z.RefinementCtx) => {
    const problem = check(value);
    if (problem)
      ctx.addIssue({ code: 'custom', message: problem.code, params: { character: problem.character } });
  };
}

/**
 * One line of text. Chain trim / min / max after it.
 * @example text().trim().min(1).max(200) // a name
 */
export function text() {
  return z.string().superRefine(refuse(checkSingleLineText));
}

/**
 * Text that may run over several lines (descriptions, notes). Chain trim / max after it.
 * @example multilineText().trim().max(2000)
 */
export function multilineText() {
  return z.string().superRefine(refuse(checkMultilineText));
}

/**
 * A calendar date, YYYY-MM-DD. Issue 'invalid_date' when not in that shape, 'date_does_not_exist'
 * for a day the calendar does not have (2023-02-29, 2024-04-31, 2024-13-45).
 */
export function isoDate() {
  return z
    .string()
    .max(10)
    .superRefine((value, ctx) => {
      if (!DATE_SHAPE.test(value)) ctx.addIssue({ code: 'custom', message: 'invalid_date' });
      else if (!isRealDate(value)) ctx.addIssue({ code: 'custom', message: 'date_does_not_exist' });
    })
    .meta({ format: 'date', example: '2026-03-31' });
}

/**
 * A PATCH body from the fields of a create body: the same checks, every field optional (send only
 * what changes), unknown fields refused. Give it fields without defaults: a default would fill in
 * a field the client left out.
 * @example export const SiteUpdateSchema = patchBody(siteFields)
 */
export function patchBody<F extends z.ZodRawShape>(fields: F) {
  return z.strictObject(fields).partial();
}
