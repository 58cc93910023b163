import { Anchor, Button, Card, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import type { MfaVerifyRequest } from '../../../shared/auth.js';
import { OneTimeCodeField } from '../../app/account-fields.js';
import { api } from '../../app/api.js';
import { ApiForm, required, useApiErrors } from '../../app/forms.js';
import { PageLoader, useDocumentTitle } from '../../app/page-state.js';
import { PublicHeading } from '../../app/public-heading.js';
import { safeNext } from '../../app/routes.js';
import { useForgetSession, useResetAfterSessionChange, useSession } from '../../app/session.js';

/** The second step of signing in: a code from the authenticator app, or a recovery code. */
export function MfaPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('mfa.title'));
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const reset = useResetAfterSessionChange();
  const forget = useForgetSession();
  const [useRecovery, setUseRecovery] = useState(false);
  const form = useForm({ mode: 'controlled', initialValues: { code: '' }, validate: { code: required(t) } });
  const errors = useApiErrors(form);

  const verify = useMutation({
    mutationFn: (body: MfaVerifyRequest) => api.post('/auth/mfa/verify', body),
    onSuccess: async () => {
      await reset();
      navigate(safeNext(location.search), { replace: true });
    },
    onError: (err) => {
      errors.show(err);
      form.setFieldValue('code', '');
    },
  });
  const cancel = useMutation({
    mutationFn: () => api.post('/auth/logout'),
    onSettled: () => {
      forget();
      navigate('/login', { replace: true });
    },
  });

  if (session.isPending) return <PageLoader />;
  if (!verify.isPending && !verify.isSuccess && !cancel.isPending) {
    if (!session.data?.authenticated) return <Navigate to="/login" replace />;
    if (!session.data.mfaPending) return <Navigate to={safeNext(location.search)} replace />;
  }

  return (
    <Stack gap="lg">
      <PublicHeading title={t('mfa.title')} intro={useRecovery ? t('mfa.introRecovery') : t('mfa.intro')} />
      <Card withBorder padding="lg">
        <ApiForm
          form={form}
          errors={errors}
          onSubmit={(values) => verify.mutate({ code: values.code.replace(/\s+/g, '') })}
        >
          {useRecovery ? (
            <TextInput
              key="recovery"
              label={t('mfa.recoveryCode')}
              description={t('mfa.recoveryCodeHint')}
              withAsterisk
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              {...form.getInputProps('code')}
            />
          ) : (
            <OneTimeCodeField key="totp" description={t('mfa.codeHint')} {...form.getInputProps('code')} />
          )}
          <Button type="submit" loading={verify.isPending}>
            {t('mfa.submit')}
          </Button>
        </ApiForm>
      </Card>
      <Group justify="space-between">
        <Anchor
          component="button"
          type="button"
          size="sm"
          onClick={() => {
            setUseRecovery((v) => !v);
            form.reset();
            errors.clear();
          }}
        >
          {useRecovery ? t('mfa.useApp') : t('mfa.useRecovery')}
        </Anchor>
        <Anchor component="button" type="button" size="sm" onClick={() => cancel.mutate()}>
          {t('mfa.cancel')}
        </Anchor>
      </Group>
    </Stack>
  );
}
