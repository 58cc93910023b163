import { Alert } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formErrorsFrom } from './errors.js';

/**
 * Puts an API error on the form: field issues under their fields (translated), anything else
 * returned as one sentence for <FormError>. The values typed stay as they were.
 */
export function applyApiError<V extends Record<string, unknown>>(
  t: TFunction,
  form: UseFormReturnType<V>,
  err: unknown,
): string | null {
  const { fieldErrors, formError } = formErrorsFrom(t, err, Object.keys(form.getValues()));
  form.setErrors(fieldErrors);
  return formError;
}

/**
 * Holds the last API error of a form and shows it in the current language (it is translated
 * again when the user switches language). Field issues go under their fields.
 */
export function useApiErrors<V extends Record<string, unknown>>(form: UseFormReturnType<V>) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const fields = Object.keys(form.getValues());
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-translate only when the language changes
  useEffect(() => {
    if (error) form.setErrors(formErrorsFrom(t, error, fields).fieldErrors);
  }, [i18n.language]);
  return {
    formError: error ? formErrorsFrom(t, error, fields).formError : null,
    show(err: unknown) {
      setError(err);
      form.setErrors(formErrorsFrom(t, err, fields).fieldErrors);
    },
    clear() {
      setError(null);
    },
  };
}

/** Checks the form must do before sending: a required field left empty. */
export function required(t: TFunction) {
  return (value: unknown) => (typeof value === 'string' && value.trim() === '' ? t('issues.required') : null);
}

export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <Alert color="red" icon={<IconAlertCircle size={18} aria-hidden="true" />} role="alert">
      {message}
    </Alert>
  );
}
