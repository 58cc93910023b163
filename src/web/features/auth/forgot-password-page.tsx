import { Alert, Anchor, Button, Card, List, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ForgotPasswordOptionsSchema, type ForgotPasswordRequest } from '../../../shared/auth.js';
import { parsedApi } from '../../app/api.js';
import { ApiForm, required, useApiErrors } from '../../app/forms.js';
import { LoadError, PageLoader, useDocumentTitle } from '../../app/page-state.js';
import { PublicHeading } from '../../app/public-heading.js';

/**
 * /forgot-password — a reset link by email when this server sends mail; otherwise, honestly, who
 * can help (an owner or admin, or the server command for an owner who is alone).
 */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('forgotPassword.title'));
  const options = useQuery({
    queryKey: ['password-reset-options'],
    queryFn: () => parsedApi.get(ForgotPasswordOptionsSchema, '/password-reset-requests/options'),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '' },
    validate: { email: required(t) },
  });
  const errors = useApiErrors(form);
  const send = useMutation({
    mutationFn: (body: ForgotPasswordRequest) =>
      parsedApi.post(ForgotPasswordOptionsSchema, '/password-reset-requests', body),
    onError: (err) => errors.show(err),
  });

  const toLogin = (
    <Anchor component={Link} to="/login">
      {t('forgotPassword.toLogin')}
    </Anchor>
  );

  if (options.isPending) return <PageLoader />;
  if (options.isError) return <LoadError error={options.error} onRetry={() => void options.refetch()} />;

  if (!options.data.byEmail || send.data?.byEmail === false) {
    return (
      <Stack gap="lg">
        <PublicHeading title={t('forgotPassword.title')} intro={t('forgotPassword.noMailIntro')} />
        <Alert color="blue" title={t('forgotPassword.noMailTitle')}>
          <List size="sm" spacing="xs">
            <List.Item>{t('forgotPassword.noMailAdmin')}</List.Item>
            <List.Item>{t('forgotPassword.noMailOwner')}</List.Item>
          </List>
        </Alert>
        {toLogin}
      </Stack>
    );
  }

  if (send.isSuccess) {
    return (
      <Stack gap="lg">
        <PublicHeading title={t('forgotPassword.title')} intro={t('forgotPassword.intro')} />
        <Alert color="teal" role="status" title={t('forgotPassword.sentTitle')}>
          <Stack gap="xs">
            <Text size="sm">{t('forgotPassword.sentBody')}</Text>
            <Text size="sm">{t('forgotPassword.sentHint')}</Text>
          </Stack>
        </Alert>
        {toLogin}
      </Stack>
    );
  }

  return (
    <Stack gap="lg">
      <PublicHeading title={t('forgotPassword.title')} intro={t('forgotPassword.intro')} />
      <Card withBorder padding="lg">
        <ApiForm form={form} errors={errors} onSubmit={(values) => send.mutate(values)}>
          <TextInput
            label={t('fields.email')}
            type="email"
            withAsterisk
            autoComplete="email"
            {...form.getInputProps('email')}
          />
          <Button type="submit" loading={send.isPending}>
            {t('forgotPassword.submit')}
          </Button>
        </ApiForm>
      </Card>
      <Text size="sm" c="dimmed">
        {t('forgotPassword.askAdmin')}
      </Text>
      {toLogin}
    </Stack>
  );
}
