import { Alert, Anchor, Button, Card, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { PasswordResetRequest } from '../../../shared/auth.js';
import { NewPasswordField } from '../../app/account-fields.js';
import { api } from '../../app/api.js';
import { ApiForm, required, useApiErrors } from '../../app/forms.js';
import { useDocumentTitle } from '../../app/page-state.js';
import { PublicHeading } from '../../app/public-heading.js';
import { useResetAfterSessionChange } from '../../app/session.js';

/** /reset/:token — set a new password with a one-time link from an owner or admin. No login. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('resetPassword.title'));
  const { token = '' } = useParams();
  const resetSession = useResetAfterSessionChange();
  const form = useForm({
    mode: 'controlled',
    initialValues: { password: '' },
    validate: { password: required(t) },
  });
  const errors = useApiErrors(form);
  const save = useMutation({
    mutationFn: (body: PasswordResetRequest) =>
      api.post(`/password-reset/${encodeURIComponent(token)}`, body),
    // Every login of the account has ended, this browser's too if it was theirs.
    onSuccess: () => resetSession(),
    onError: (err) => errors.show(err),
  });

  if (save.isSuccess) {
    return (
      <Stack gap="lg">
        <PublicHeading title={t('resetPassword.title')} intro={t('resetPassword.intro')} />
        <Alert color="teal" role="status" title={t('resetPassword.done')}>
          <Text size="sm">{t('resetPassword.doneHint')}</Text>
        </Alert>
        <Anchor component={Link} to="/login">
          {t('resetPassword.toLogin')}
        </Anchor>
      </Stack>
    );
  }

  return (
    <Stack gap="lg">
      <PublicHeading title={t('resetPassword.title')} intro={t('resetPassword.intro')} />
      <Card withBorder padding="lg">
        <ApiForm form={form} errors={errors} onSubmit={(values) => save.mutate(values)}>
          <NewPasswordField label={t('resetPassword.newPassword')} {...form.getInputProps('password')} />
          <Button type="submit" loading={save.isPending}>
            {t('resetPassword.submit')}
          </Button>
        </ApiForm>
      </Card>
    </Stack>
  );
}
