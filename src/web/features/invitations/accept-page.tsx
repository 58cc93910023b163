import { Alert, Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type {
  AcceptInvitationRequest,
  AcceptInvitationResponse,
  InvitationPreview,
} from '../../../shared/auth.js';
import { NewAccountForm } from '../../app/account-fields.js';
import { api } from '../../app/api.js';
import { errorMessage, formatDateTime } from '../../app/errors.js';
import { FormError, required, useApiErrors } from '../../app/forms.js';
import { PageLoader, useDocumentTitle } from '../../app/page-state.js';
import { roleHint, roleLabel } from '../../app/roles.js';
import { useResetAfterSessionChange, useSession } from '../../app/session.js';

/** /invite/:token — join an organization, with a new account or the one already signed in. */
export function AcceptInvitationPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('invite.title'));
  const { token = '' } = useParams();
  const session = useSession();
  const navigate = useNavigate();
  const reset = useResetAfterSessionChange();
  const preview = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api.get<InvitationPreview>(`/invitations/${encodeURIComponent(token)}`),
    retry: false,
  });

  const joined = async (res: AcceptInvitationResponse) => {
    // Work in the organization just joined.
    await api.post('/session/org', { orgId: res.organizationId }).catch(() => undefined);
    await reset();
    navigate('/', { replace: true });
  };

  if (preview.isPending || session.isPending) return <PageLoader />;
  if (preview.isError) {
    return (
      <Stack>
        <Title order={1} size="h2">
          {t('invite.title')}
        </Title>
        <Alert color="red" role="alert">
          {errorMessage(t, preview.error)}
        </Alert>
        <Text size="sm">{t('invite.askAgain')}</Text>
      </Stack>
    );
  }

  const inv = preview.data;
  const signedIn = session.data?.authenticated === true && !session.data.mfaPending;
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          {t('invite.title')}
        </Title>
        <Text mt={4}>{t('invite.intro', { org: inv.organizationName, role: roleLabel(t, inv.role) })}</Text>
        <Text size="sm" c="dimmed">
          {roleHint(t, inv.role)}
        </Text>
        <Text size="sm" c="dimmed">
          {t('invite.expires', { date: formatDateTime(inv.expiresAt) })}
        </Text>
      </div>
      {signedIn && session.data?.user ? (
        <JoinAsCurrent
          token={token}
          name={session.data.user.displayName}
          email={session.data.user.email}
          onJoined={joined}
        />
      ) : (
        <>
          <NewAccount token={token} invitedEmail={inv.email} onJoined={joined} />
          <Text size="sm">
            {t('invite.haveAccount')}{' '}
            <Anchor component={Link} to={`/login?next=${encodeURIComponent(`/invite/${token}`)}`}>
              {t('invite.loginFirst')}
            </Anchor>
          </Text>
        </>
      )}
    </Stack>
  );
}

function JoinAsCurrent({
  token,
  name,
  email,
  onJoined,
}: {
  token: string;
  name: string;
  email: string;
  onJoined: (res: AcceptInvitationResponse) => Promise<void>;
}) {
  const { t } = useTranslation();
  const reset = useResetAfterSessionChange();
  const accept = useMutation({
    mutationFn: () =>
      api.post<AcceptInvitationResponse>(`/invitations/${encodeURIComponent(token)}/accept`, {}),
    onSuccess: onJoined,
  });
  const logout = useMutation({
    mutationFn: () => api.post('/auth/logout'),
    onSettled: () => reset(),
  });
  return (
    <Card withBorder padding="lg">
      <Stack>
        <Text>{t('invite.joinAs', { name, email })}</Text>
        {accept.isError && <FormError message={errorMessage(t, accept.error)} />}
        <Group>
          <Button onClick={() => accept.mutate()} loading={accept.isPending}>
            {t('invite.join')}
          </Button>
          <Button
            variant="default"
            onClick={() => logout.mutate()}
            loading={logout.isPending}
            disabled={accept.isPending}
          >
            {t('invite.otherAccount')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function NewAccount({
  token,
  invitedEmail,
  onJoined,
}: {
  token: string;
  invitedEmail: string | undefined;
  onJoined: (res: AcceptInvitationResponse) => Promise<void>;
}) {
  const { t } = useTranslation();
  const form = useForm({
    mode: 'controlled',
    initialValues: { displayName: '', email: invitedEmail ?? '', password: '' },
    validate: { displayName: required(t), email: required(t), password: required(t) },
  });
  const errors = useApiErrors(form);
  // biome-ignore lint/correctness/useExhaustiveDependencies: follow the invitation's address only
  useEffect(() => {
    if (invitedEmail) form.setFieldValue('email', invitedEmail);
  }, [invitedEmail]);
  const accept = useMutation({
    mutationFn: (body: AcceptInvitationRequest) =>
      api.post<AcceptInvitationResponse>(`/invitations/${encodeURIComponent(token)}/accept`, body),
    onSuccess: onJoined,
    onError: (err) => errors.show(err),
  });
  return (
    <NewAccountForm
      title={t('invite.newAccount')}
      form={form}
      errors={errors}
      onSubmit={(body) => accept.mutate(body)}
      fixedEmailNote={invitedEmail ? t('invite.emailFixed') : undefined}
      submit={{ label: t('invite.createAndJoin'), loading: accept.isPending }}
    />
  );
}
