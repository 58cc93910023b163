import { Alert, Anchor, Button, Card, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PasswordResetLinkStatusSchema, type PasswordResetRequest } from '../../../shared/auth.js';
import { NewPasswordField } from '../../app/account-fields.js';
import { api, isApiError, parsedApi } from '../../app/api.js';
import { ApiForm, required, useApiErrors } from '../../app/forms.js';
import { LoadError, PageLoader, useDocumentTitle } from '../../app/page-state.js';
import { PublicHeading } from '../../app/public-heading.js';
import { useResetAfterSessionChange } from '../../app/session.js';

const UNUSABLE = {
  used: { title: 'resetPassword.usedTitle', body: 'resetPassword.usedBody' },
  expired: { title: 'resetPassword.expiredTitle', body: 'resetPassword.expiredBody' },
  unknown: { title: 'resetPassword.unknownTitle', body: 'resetPassword.unknownBody' },
} as const;

/**
 * /reset/:token — set a new password with a one-time link (from an owner or admin, or mailed).
 * No login. A used, expired or unknown link says so, and how to get a new one, before any form.
 */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('resetPassword.title'));
  const { token = '' } = useParams();
  const resetSession = useResetAfterSessionChange();
  const link = useQuery({
    queryKey: ['password-reset', token],
    queryFn: () =>
      parsedApi.get(PasswordResetLinkStatusSchema, `/password-reset/${encodeURIComponent(token)}`),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
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

  if (link.isPending) return <PageLoader />;
  const unknown = link.isError && isApiError(link.error, 'reset_link_invalid');
  if (link.isError && !unknown) return <LoadError error={link.error} onRetry={() => void link.refetch()} />;
  const status = unknown ? 'unknown' : (link.data?.status ?? 'unknown');
  if (status !== 'valid') {
    const words = UNUSABLE[status];
    return (
      <Stack gap="lg">
        <Title order={1} size="h2">
          {t('resetPassword.title')}
        </Title>
        <Alert color="orange" role="alert" title={t(words.title)}>
          <Text size="sm">{t(words.body)}</Text>
        </Alert>
        <Button component={Link} to="/forgot-password" variant="light" style={{ alignSelf: 'flex-start' }}>
          {t('resetPassword.newLink')}
        </Button>
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
