import { Button, Card, PasswordInput, type PasswordInputProps, TextInput, Title } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { TFunction } from 'i18next';
import type { ComponentType, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../i18n/index.js';
import { type ApiErrors, ApiForm } from './forms.js';
import { PASSWORD_MIN_LENGTH } from './policy.js';

/** The password rules in plain words, shown as the description of every new-password field. */
export function passwordHint(t: TFunction): string {
  return t('password.hint', { minimum: PASSWORD_MIN_LENGTH });
}

/**
 * `aria-invalid` for a field in error. Mantine's PasswordInput does not set it on its input (its
 * text inputs do), so assistive technology would not hear that the password was refused.
 */
export function invalidWhen(error: PasswordInputProps['error']): { 'aria-invalid'?: true } {
  return error ? { 'aria-invalid': true } : {};
}

/**
 * A password field that says when it is in error (aria-invalid), like the other fields, and whose
 * show/hide button is named in the reader's language (Mantine's own name is English).
 */
export function PasswordField(props: PasswordInputProps) {
  const { t } = useTranslation();
  return (
    <PasswordInput
      {...props}
      visibilityToggleButtonProps={{ 'aria-label': t('password.show'), ...props.visibilityToggleButtonProps }}
      {...invalidWhen(props.error)}
    />
  );
}

/** A field component with the app's usual settings for it; the caller's props come last and win. */
function withDefaults<P extends object>(Field: ComponentType<P>, defaults: (t: TFunction) => Partial<P>) {
  return function FieldWithDefaults(props: P) {
    const { t } = useTranslation();
    return <Field {...defaults(t)} {...props} />;
  };
}

/** A new password: required, with the rules under it, for password managers to fill. */
export const NewPasswordField = withDefaults(PasswordField, (t) => ({
  label: t('fields.password'),
  description: passwordHint(t),
  withAsterisk: true,
  autoComplete: 'new-password',
}));

/** The name shown to others in the organization. */
export const DisplayNameField = withDefaults(TextInput, (t) => ({
  label: t('fields.displayName'),
  description: t('fields.displayNameHint'),
  withAsterisk: true,
  autoComplete: 'name',
}));

/** The six-digit code of an authenticator app. */
export const OneTimeCodeField = withDefaults(TextInput, (t) => ({
  label: t('mfa.code'),
  withAsterisk: true,
  inputMode: 'numeric' as const,
  autoComplete: 'one-time-code',
  maxLength: 8,
}));

/** The name of an organization (a company). */
export const OrganizationNameField = withDefaults(TextInput, (t) => ({
  label: t('orgs.name'),
  withAsterisk: true,
  autoComplete: 'organization',
}));

/** The language a new account starts in: the one on screen. */
function accountLocale(lang: string): Language {
  return isLanguage(lang) ? lang : DEFAULT_LANGUAGE;
}

type NewAccountValues = { displayName: string; email: string; password: string };

/**
 * The card that creates an account (first-run setup, accepting an invitation): its `title`, what
 * the page asks first (`before`), then name, e-mail address and password, and the submit button.
 * The account starts in the language on screen. An invited address is fixed: read-only, with a note.
 */
export function NewAccountForm<V extends NewAccountValues>({
  title,
  form,
  errors,
  onSubmit,
  before,
  fixedEmailNote,
  submit,
}: {
  /** The heading of the card the form stands in. */
  title: string;
  form: UseFormReturnType<V>;
  errors: ApiErrors;
  onSubmit: (values: V & { locale: Language }) => void;
  before?: ReactNode;
  fixedEmailNote?: string | undefined;
  submit: { label: string; loading: boolean; disabled?: boolean };
}) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder padding="lg">
      <Title order={2} size="h4" mb="md">
        {title}
      </Title>
      <ApiForm
        form={form}
        errors={errors}
        onSubmit={(values) => onSubmit({ ...values, locale: accountLocale(i18n.language) })}
      >
        {before}
        <DisplayNameField {...form.getInputProps('displayName')} />
        <TextInput
          label={t('fields.email')}
          description={fixedEmailNote}
          type="email"
          withAsterisk
          readOnly={fixedEmailNote !== undefined}
          autoComplete="email"
          {...form.getInputProps('email')}
        />
        <NewPasswordField {...form.getInputProps('password')} />
        <Button type="submit" loading={submit.loading} disabled={submit.disabled}>
          {submit.label}
        </Button>
      </ApiForm>
    </Card>
  );
}
