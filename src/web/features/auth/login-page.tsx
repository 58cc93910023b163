import { Anchor, Button, Card, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import type { LoginRequest, LoginResponse } from '../../../shared/auth.js';
import { PasswordField } from '../../app/account-fields.js';
import { api } from '../../app/api.js';
import { ApiForm, required, useApiErrors } from '../../app/forms.js';
import { PageLoader, useDocumentTitle } from '../../app/page-state.js';
import { PublicHeading } from '../../app/public-heading.js';
import { safeNext } from '../../app/routes.js';
import { useResetAfterSessionChange, useSession, useSetupStatus } from '../../app/session.js';

export function LoginPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('login.title'));
  const session = useSession();
  const setup = useSetupStatus(session.data?.authenticated === false);
  const navigate = useNavigate();
  const location = useLocation();
  const next = safeNext(location.search);
  const reset = useResetAfterSessionChange();

  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '', password: '' },
    validate: { email: required(t), password: required(t) },
  });

  const errors = useApiErrors(form);

  const login = useMutation({
    mutationFn: (body: LoginRequest) => api.post<LoginResponse>('/auth/login', body),
    onSuccess: async (res) => {
      await reset();
      if (res.mfaRequired) navigate(`/mfa${location.search}`, { replace: true });
      else navigate(next, { replace: true });
    },
    onError: (err) => {
      errors.show(err);
      // The password is never kept after a refusal; the address stays.
      form.setFieldValue('password', '');
    },
  });

  if (session.isPending) return <PageLoader />;
  if (session.data?.authenticated && !login.isPending) {
    return <Navigate to={session.data.mfaPending ? `/mfa${location.search}` : next} replace />;
  }
  if (setup.data?.needsSetup) return <Navigate to="/setup" replace />;

  return (
    <Stack gap="lg">
      <PublicHeading title={t('login.title')} intro={t('login.intro')} />
      <Card withBorder padding="lg">
        <ApiForm form={form} errors={errors} onSubmit={(values) => login.mutate(values)}>
          <TextInput
            label={t('fields.email')}
            type="email"
            withAsterisk
            autoComplete="username"
            {...form.getInputProps('email')}
          />
          <PasswordField
            label={t('fields.password')}
            withAsterisk
            autoComplete="current-password"
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={login.isPending}>
            {t('login.submit')}
          </Button>
        </ApiForm>
      </Card>
      <Anchor component={Link} to="/forgot-password">
        {t('login.forgotLink')}
      </Anchor>
    </Stack>
  );
}
