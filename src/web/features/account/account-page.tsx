import { Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ChangePasswordRequest, UpdateMeRequest } from '../../../shared/auth.js';
import { DisplayNameField, NewPasswordField, PasswordField } from '../../app/account-fields.js';
import { api } from '../../app/api.js';
import { ApiForm, FormSection, required, SubmitRow, useApiErrors } from '../../app/forms.js';
import { GlossaryTerms } from '../../app/glossary-term.js';
import { notify } from '../../app/notify.js';
import { PageHeader } from '../../app/page-state.js';
import { SESSION_KEY, useAuthedSession } from '../../app/session.js';
import { applyLanguage, isLanguage } from '../../i18n/index.js';
import { MfaSection } from './mfa-section.js';

/** The signed-in user's own settings: name, language, password, two-step sign-in. */
export function AccountPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('account.title')} description={t('account.description')} />
      <GlossaryTerms ids={['mfa']} />
      <Stack gap="xl" maw={640}>
        <ProfileForm />
        <PasswordForm />
        <MfaSection />
      </Stack>
    </>
  );
}

function ProfileForm() {
  const { t } = useTranslation();
  const session = useAuthedSession();
  const client = useQueryClient();
  const form = useForm({
    mode: 'controlled',
    initialValues: { displayName: session.user.displayName, locale: session.user.locale as string },
    validate: { displayName: required(t) },
  });
  const errors = useApiErrors(form);
  const save = useMutation({
    mutationFn: (body: UpdateMeRequest) => api.patch('/me', body),
    onSuccess: async (_res, body) => {
      form.resetDirty();
      if (body.locale) await applyLanguage(body.locale);
      await client.invalidateQueries({ queryKey: SESSION_KEY });
      notify(t('common.saved'));
    },
    onError: (err) => errors.show(err),
  });
  return (
    <FormSection id="account-profile" title={t('account.profile')}>
      <ApiForm
        form={form}
        errors={errors}
        onSubmit={(values) =>
          save.mutate({
            displayName: values.displayName,
            ...(isLanguage(values.locale) ? { locale: values.locale } : {}),
          })
        }
      >
        <TextInput label={t('fields.email')} value={session.user.email} readOnly variant="filled" />
        <DisplayNameField {...form.getInputProps('displayName')} />
        <Select
          label={t('language.label')}
          data={[
            { value: 'ja', label: '日本語' },
            { value: 'en', label: 'English' },
          ]}
          allowDeselect={false}
          {...form.getInputProps('locale')}
        />
        <SubmitRow label={t('common.save')} loading={save.isPending} disabled={!form.isDirty()} />
      </ApiForm>
    </FormSection>
  );
}

function PasswordForm() {
  const { t } = useTranslation();
  const session = useAuthedSession();
  const form = useForm({
    mode: 'controlled',
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: {
      currentPassword: required(t),
      newPassword: required(t),
      confirm: (value, values) => (value !== values.newPassword ? t('account.passwordMismatch') : null),
    },
  });
  const errors = useApiErrors(form);
  const change = useMutation({
    mutationFn: (body: ChangePasswordRequest) => api.post('/me/password', body),
    onSuccess: () => {
      form.reset();
      notify(t('account.passwordChanged'));
    },
    onError: (err) => errors.show(err),
  });
  return (
    <FormSection id="account-password" title={t('account.password')} hint={t('account.passwordHint')}>
      <ApiForm
        form={form}
        errors={errors}
        onSubmit={(values) =>
          change.mutate({ currentPassword: values.currentPassword, newPassword: values.newPassword })
        }
      >
        {/* Lets password managers pair the new password with the right account. */}
        <input
          type="text"
          name="username"
          autoComplete="username"
          hidden
          readOnly
          value={session.user.email}
        />
        <PasswordField
          label={t('account.currentPassword')}
          withAsterisk
          autoComplete="current-password"
          {...form.getInputProps('currentPassword')}
        />
        <NewPasswordField label={t('account.newPassword')} {...form.getInputProps('newPassword')} />
        <PasswordField
          label={t('account.confirmPassword')}
          withAsterisk
          autoComplete="new-password"
          {...form.getInputProps('confirm')}
        />
        <SubmitRow label={t('account.changePassword')} loading={change.isPending} />
      </ApiForm>
    </FormSection>
  );
}
