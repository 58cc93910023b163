import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.js';
import { errorMessage } from '../../app/errors.js';
import { featureIssueText } from '../../app/feature-issues.js';
import { useFocusFirstInvalid } from '../../app/focus-invalid.js';

/** The server's field issues of an incident form in the feature's words, by field (its first path element). */
export function incidentFieldErrors(t: TFunction, err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (err instanceof ApiError)
    for (const i of err.issues) out[String(i.path[0])] = featureIssueText(t, 'incidents', i);
  return out;
}

/** One line for a one-field form: the first field issue in the feature's words, else the error itself. */
export function incidentErrorText(t: TFunction, err: unknown): string {
  return err instanceof ApiError && err.issues[0]
    ? featureIssueText(t, 'incidents', err.issues[0])
    : errorMessage(t, err);
}

/**
 * The field errors of an incident form: `show` puts the server's issues (or the form's own
 * messages) under the fields and focuses the first one; `clear` on each submit. Put `formRef` on
 * the form.
 */
export function useIncidentFieldErrors() {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const focus = useFocusFirstInvalid();
  return {
    errors,
    formRef: focus.ref,
    clear: () => setErrors({}),
    show: (err: unknown, own?: Record<string, string>) => {
      setErrors(own ?? incidentFieldErrors(t, err));
      focus.request();
    },
  };
}
