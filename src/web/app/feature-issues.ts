import type { TFunction } from 'i18next';
import { ApiError } from './api.js';
import { issueMessage, localizedParams } from './errors.js';

type Issue = { code: string; params?: Record<string, string | number> | undefined };

/**
 * A field problem in words: the feature's own sentence (`<feature>.issues.<code>`, e.g.
 * people.issues.invalid_kana) when it has one, else the app's general sentence for the code.
 */
export function featureIssueText(t: TFunction, feature: string, issue: Issue): string {
  const params = issue.params ?? {};
  return t(`${feature}.issues.${issue.code}`, {
    ...params,
    ...localizedParams(params),
    defaultValue: issueMessage(t, { code: issue.code, params }),
  });
}

export interface FeatureFormErrors {
  fieldErrors: Record<string, string>;
  formError: string | null;
}

/**
 * Splits an API error into per-field messages (keyed by the first path element, in the feature's
 * words) and one message for the whole form. Issues on fields the form does not have join the
 * form message, named by their path when `withPath` (e.g. "matrix.2.3: …"). An error without
 * field issues is said by `fallback`.
 */
export function splitFeatureIssues(
  t: TFunction,
  feature: string,
  err: unknown,
  fields: readonly string[],
  fallback: (err: unknown) => string,
  { withPath = false }: { withPath?: boolean } = {},
): FeatureFormErrors {
  const fieldErrors: Record<string, string> = {};
  if (!(err instanceof ApiError) || err.issues.length === 0) return { fieldErrors, formError: fallback(err) };
  const unplaced: string[] = [];
  for (const issue of err.issues) {
    // The field of the whole path when the form has one (amounts.legal_advice), else of its start.
    const path = issue.path.map(String).join('.');
    const field = fields.find((f) => f === path) ?? fields.find((f) => f === String(issue.path[0] ?? ''));
    const message = featureIssueText(t, feature, issue);
    if (field) fieldErrors[field] ??= message;
    else unplaced.push(withPath ? `${issue.path.join('.')}: ${message}` : message);
  }
  return { fieldErrors, formError: unplaced.length > 0 ? unplaced.join(' ') : null };
}

/**
 * A feature's pair of helpers over the two functions above, so its code says
 * `personFormErrors(t, err, fields, fallback)` without repeating its name.
 */
export function featureIssues(feature: string, options: { withPath?: boolean } = {}) {
  return {
    message: (t: TFunction, issue: Issue): string => featureIssueText(t, feature, issue),
    formErrors: (
      t: TFunction,
      err: unknown,
      fields: readonly string[],
      fallback: (err: unknown) => string,
    ): FeatureFormErrors => splitFeatureIssues(t, feature, err, fields, fallback, options),
  };
}
