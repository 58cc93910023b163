import {
  Alert,
  Button,
  type ButtonProps,
  Card,
  Group,
  type MantineSpacing,
  Paper,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { type ReactNode, type RefObject, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formErrorsFrom } from './errors.js';
import { useFocusFirstInvalid } from './focus-invalid.js';

/**
 * Holds the last API error of a form and shows it in the current language (it is translated
 * again when the user switches language). Field issues go under their fields, and the first
 * field in error is focused (put `formRef` on the form; ApiForm does).
 */
export type ApiErrors = Pick<
  ReturnType<typeof useApiErrors>,
  'formError' | 'clear' | 'formRef' | 'focusInvalid'
>;

export function useApiErrors<V extends Record<string, unknown>>(form: UseFormReturnType<V>) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const fields = Object.keys(form.getValues());
  const invalid = useFocusFirstInvalid<HTMLFormElement>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-translate only when the language changes
  useEffect(() => {
    if (error) form.setErrors(formErrorsFrom(t, error, fields).fieldErrors);
  }, [i18n.language]);
  return {
    formError: error ? formErrorsFrom(t, error, fields).formError : null,
    show(err: unknown) {
      setError(err);
      form.setErrors(formErrorsFrom(t, err, fields).fieldErrors);
      invalid.request();
    },
    formRef: invalid.ref,
    /** For form.onSubmit's second argument: the form's own checks failed. */
    focusInvalid: invalid.request,
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

/**
 * A form that talks to the API: no browser validation (the form checks itself), the last error
 * cleared on each submit and shown on top, the fields below.
 */
export function ApiForm<V extends Record<string, unknown>>({
  form,
  errors,
  onSubmit,
  intro,
  gap,
  mt,
  children,
}: {
  form: UseFormReturnType<V>;
  errors: ApiErrors;
  onSubmit: (values: V) => void;
  /** Shown above the error (e.g. what the form is about to do). */
  intro?: ReactNode;
  /** Spacing between the form's parts and above them (Mantine's default when not given). */
  gap?: MantineSpacing;
  mt?: MantineSpacing;
  children: ReactNode;
}) {
  return (
    <form
      noValidate
      ref={errors.formRef}
      onSubmit={form.onSubmit((values) => {
        errors.clear();
        onSubmit(values);
      }, errors.focusInvalid)}
    >
      <Stack gap={gap} mt={mt}>
        {intro}
        <FormError message={errors.formError} />
        {children}
      </Stack>
    </form>
  );
}

/** The submit button of a form, on its own row. */
export function SubmitRow({
  label,
  loading,
  disabled,
  variant,
  color,
}: {
  label: string;
  loading: boolean;
  disabled?: boolean;
  variant?: ButtonProps['variant'];
  color?: ButtonProps['color'];
}) {
  return (
    <Group>
      <Button type="submit" loading={loading} disabled={disabled} variant={variant} color={color}>
        {label}
      </Button>
    </Group>
  );
}

/**
 * A bordered card that is a form of its own on a page: submitting it calls `onSubmit` and the page
 * stays (no reload). Put useFocusFirstInvalid's ref in `formRef` to focus the field in error.
 */
export function FormCard({
  onSubmit,
  formRef,
  mt,
  children,
}: {
  onSubmit: () => void;
  formRef?: RefObject<HTMLFormElement | null>;
  mt?: string;
  children: ReactNode;
}) {
  return (
    <Paper
      withBorder
      p="md"
      mt={mt}
      component="form"
      ref={formRef}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </Paper>
  );
}

/**
 * A card of its own on a settings page, a region named by its heading: the heading (with
 * something beside it, e.g. a status badge), a line on what it is for, then its content.
 */
export function FormSection({
  id,
  title,
  hint,
  aside,
  maw,
  children,
}: {
  id: string;
  title: string;
  hint?: string;
  aside?: ReactNode;
  maw?: number;
  children: ReactNode;
}) {
  const heading = (
    <Title order={2} size="h4" id={id} mb={hint || aside ? undefined : 'md'}>
      {title}
    </Title>
  );
  return (
    <section aria-labelledby={id}>
      <Card withBorder padding="lg" maw={maw}>
        {aside ? (
          <Group justify="space-between" mb={4}>
            {heading}
            {aside}
          </Group>
        ) : (
          heading
        )}
        {hint && (
          <Text size="sm" c="dimmed" mb="md">
            {hint}
          </Text>
        )}
        {children}
      </Card>
    </section>
  );
}
