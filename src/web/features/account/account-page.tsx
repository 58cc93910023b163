import { Button, Card, Group, PasswordInput, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ChangePasswordRequest, UpdateMeRequest } from '../../../shared/auth.js';
import { api } from '../../app/api.js';
import { FormError, required, useApiErrors } from '../../app/forms.js';
import { notify } from '../../app/notify.js';
import { PageHeader } from '../../app/page-state.js';
import { SESSION_KEY, useAuthedSession } from '../../app/session.js';
import { applyLanguage, isLanguage } from '../../i18n/index.js';
import { passwordHint } from '../auth/password-hint.js';
import { MfaSection } from './mfa-section.js';

/** The signed-in user's own settings: name, language, password, two-step sign-in. */
export function AccountPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('account.title')} description={t('account.description')} />
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
    <section aria-labelledby="account-profile">
      <Card withBorder padding="lg">
        <Title order={2} size="h4" id="account-profile" mb="md">
          {t('account.profile')}
        </Title>
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            errors.clear();
            save.mutate({
              displayName: values.displayName,
              ...(isLanguage(values.locale) ? { locale: values.locale } : {}),
            });
          })}
        >
          <Stack>
            <FormError message={errors.formError} />
            <TextInput label={t('fields.email')} value={session.user.email} readOnly variant="filled" />
            <TextInput
              label={t('fields.displayName')}
              description={t('fields.displayNameHint')}
              withAsterisk
              autoComplete="name"
              {...form.getInputProps('displayName')}
            />
            <Select
              label={t('language.label')}
              data={[
                { value: 'ja', label: '日本語' },
                { value: 'en', label: 'English' },
              ]}
              allowDeselect={false}
              {...form.getInputProps('locale')}
            />
            <Group>
              <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </section>
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
    <section aria-labelledby="account-password">
      <Card withBorder padding="lg">
        <Title order={2} size="h4" id="account-password">
          {t('account.password')}
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          {t('account.passwordHint')}
        </Text>
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            errors.clear();
            change.mutate({ currentPassword: values.currentPassword, newPassword: values.newPassword });
          })}
        >
          <Stack>
            <FormError message={errors.formError} />
            {/* Lets password managers pair the new password with the right account. */}
            <input
              type="text"
              name="username"
              autoComplete="username"
              hidden
              readOnly
              value={session.user.email}
            />
            <PasswordInput
              label={t('account.currentPassword')}
              withAsterisk
              autoComplete="current-password"
              {...form.getInputProps('currentPassword')}
            />
            <PasswordInput
              label={t('account.newPassword')}
              description={passwordHint(t)}
              withAsterisk
              autoComplete="new-password"
              {...form.getInputProps('newPassword')}
            />
            <PasswordInput
              label={t('account.confirmPassword')}
              withAsterisk
              autoComplete="new-password"
              {...form.getInputProps('confirm')}
            />
            <Group>
              <Button type="submit" loading={change.isPending}>
                {t('account.changePassword')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </section>
  );
}
