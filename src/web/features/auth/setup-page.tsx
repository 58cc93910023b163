import { Button, Card, Divider, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import type { SetupRequest } from '../../../shared/auth.js';
import { NewAccountForm, OrganizationNameField } from '../../app/account-fields.js';
import { api } from '../../app/api.js';
import { errorMessage } from '../../app/errors.js';
import { FormError, required, useApiErrors } from '../../app/forms.js';
import { LoadError, PageLoader, useDocumentTitle } from '../../app/page-state.js';
import { PublicHeading } from '../../app/public-heading.js';
import { useResetAfterSessionChange, useSetupStatus } from '../../app/session.js';
import { isLanguage } from '../../i18n/index.js';

/** First start: create the first organization and its owner, or look around the demo company. */
export function SetupPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('setup.title'));
  const status = useSetupStatus();
  const navigate = useNavigate();
  const reset = useResetAfterSessionChange();

  const form = useForm({
    mode: 'controlled',
    initialValues: { organizationName: '', displayName: '', email: '', password: '' },
    validate: {
      organizationName: required(t),
      displayName: required(t),
      email: required(t),
      password: required(t),
    },
  });

  const errors = useApiErrors(form);

  const done = async () => {
    await reset();
    status.refetch();
    navigate('/', { replace: true });
  };

  const setup = useMutation({
    mutationFn: (body: SetupRequest) => api.post('/setup', body),
    onSuccess: done,
    onError: (err) => errors.show(err),
  });
  const demo = useMutation({
    mutationFn: async () => {
      await api.post('/setup/demo');
      // The demo owner's account keeps the language chosen on this page.
      if (isLanguage(i18n.language)) await api.patch('/me', { locale: i18n.language });
    },
    onSuccess: done,
  });

  if (status.isPending) return <PageLoader />;
  if (status.isError) return <LoadError error={status.error} onRetry={() => void status.refetch()} />;
  if (!status.data.needsSetup && !setup.isSuccess && !demo.isSuccess) return <Navigate to="/login" replace />;

  const busy = setup.isPending || demo.isPending;
  return (
    <Stack gap="lg">
      <PublicHeading title={t('setup.title')} intro={t('setup.intro')} />

      <Card withBorder padding="lg">
        <Title order={2} size="h4">
          {t('setup.demoTitle')}
        </Title>
        <Text size="sm" mt={4} mb="md">
          {t('setup.demoBody')}
        </Text>
        {demo.isError && <FormError message={errorMessage(t, demo.error)} />}
        <Button
          variant="light"
          onClick={() => demo.mutate()}
          loading={demo.isPending}
          disabled={busy}
          mt="xs"
        >
          {t('setup.demoButton')}
        </Button>
      </Card>

      <Divider label={t('setup.or')} labelPosition="center" />

      <NewAccountForm
        title={t('setup.ownTitle')}
        form={form}
        errors={errors}
        onSubmit={(body) => setup.mutate(body)}
        before={
          <OrganizationNameField
            label={t('setup.organizationName')}
            description={t('setup.organizationNameHint')}
            {...form.getInputProps('organizationName')}
          />
        }
        submit={{ label: t('setup.submit'), loading: setup.isPending, disabled: busy }}
      />
    </Stack>
  );
}
