import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconKey, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { isOneOf } from '../../../domain/one-of.js';
import { ROLES, type Role } from '../../../domain/organization.js';
import {
  type CreateInvitationRequest,
  type CreateInvitationResponse,
  type Invitation,
  InvitationListResponseSchema,
  type Member,
  MemberListResponseSchema,
  type PasswordResetLinkResponse,
} from '../../../shared/orgs.js';
import { api } from '../../app/api.js';
import { CopyTextButton } from '../../app/copy-text-button.js';
import { ResponsiveTable } from '../../app/data-table.js';
import { errorMessage, formatDateTime } from '../../app/errors.js';
import { ApiForm, FormSection, SubmitRow, useApiErrors } from '../../app/forms.js';
import { pageItems } from '../../app/list-query.js';
import { notify } from '../../app/notify.js';
import { PageHeader } from '../../app/page-state.js';
import { type Page, usePagedList } from '../../app/paged-list.js';
import { ErrorBanner, PagedListStates, TitledSection } from '../../app/register-list.js';
import { roleHint, roleLabel, roleOptions } from '../../app/roles.js';
import { useAuthedSession, useCan } from '../../app/session.js';

const MEMBERS_KEY = ['org', 'members'] as const;
const INVITATIONS_KEY = ['org', 'invitations'] as const;
const EXPIRY_DAYS = [1, 3, 7, 14, 30] as const;

/** The members or the invitations, 100 at a time. */
function usePaged<T>(pageSchema: z.ZodType<Page<T>>, key: readonly string[], path: string) {
  return usePagedList<T>(pageSchema, key, path, {}, { limit: 100, keepPrevious: false });
}

/** Who can sign in to this organization, with which role, and the invitations still open. */
export function MembersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const manage = can('members.manage');
  return (
    <>
      <PageHeader
        title={t('members.title')}
        description={manage ? t('members.description') : t('members.descriptionReadOnly')}
      />
      <Stack gap="xl">
        <MemberList manage={manage} />
        {manage && <InviteForm />}
        {manage && <InvitationList />}
      </Stack>
    </>
  );
}

function MemberList({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const session = useAuthedSession();
  const client = useQueryClient();
  const members = usePaged(MemberListResponseSchema, MEMBERS_KEY, '/org/members');
  const [removing, setRemoving] = useState<Member | null>(null);
  const [resetting, setResetting] = useState<Member | null>(null);
  const myRole = session.currentOrg?.role;
  const [rowError, setRowError] = useState<string | null>(null);

  const changeRole = useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      api.patch(`/org/members/${encodeURIComponent(userId)}`, { role }),
    onSuccess: async () => {
      setRowError(null);
      notify(t('members.roleChanged'));
      await client.invalidateQueries({ queryKey: MEMBERS_KEY });
      await client.invalidateQueries({ queryKey: ['session'] });
    },
    onError: (err) => setRowError(errorMessage(t, err)),
  });
  const remove = useMutation({
    mutationFn: (userId: string) => api.delete(`/org/members/${encodeURIComponent(userId)}`),
    onSuccess: async () => {
      setRemoving(null);
      setRowError(null);
      notify(t('members.removed'));
      await client.invalidateQueries({ queryKey: MEMBERS_KEY });
    },
    onError: (err) => {
      setRemoving(null);
      setRowError(errorMessage(t, err));
    },
  });

  const items = pageItems(members.data);
  return (
    <TitledSection id="members-list" title={t('members.listTitle')}>
      <ErrorBanner message={rowError} onClose={() => setRowError(null)} mb="sm" />
      <PagedListStates query={members} isEmpty={items.length === 0}>
        <ResponsiveTable
          labelledBy="members-list"
          minWidth={640}
          rows={items}
          rowKey={(m) => m.userId}
          columns={[
            {
              header: t('fields.displayName'),
              cell: (m) => (
                <>
                  {m.displayName}
                  {m.userId === session.user.id && (
                    <Text span size="xs" c="dimmed" ml={6}>
                      {t('members.you')}
                    </Text>
                  )}
                </>
              ),
            },
            {
              header: t('fields.email'),
              cell: (m) => <span style={{ overflowWrap: 'anywhere' }}>{m.email}</span>,
            },
            {
              header: t('members.role'),
              cell: (m) =>
                manage ? (
                  <Select
                    size="xs"
                    w={170}
                    aria-label={t('members.roleOf', { name: m.displayName })}
                    data={roleOptions(t)}
                    value={m.role}
                    allowDeselect={false}
                    disabled={changeRole.isPending}
                    onChange={(role) =>
                      isOneOf(ROLES, role) && role !== m.role && changeRole.mutate({ userId: m.userId, role })
                    }
                  />
                ) : (
                  roleLabel(t, m.role)
                ),
            },
            {
              header: t('members.mfa'),
              cell: (m) => (
                <Badge variant="light" color={m.mfaEnabled ? 'teal' : 'gray'}>
                  {m.mfaEnabled ? t('members.mfaOn') : t('members.mfaOff')}
                </Badge>
              ),
            },
            { header: t('members.joined'), cell: (m) => formatDateTime(m.joinedAt) },
          ]}
          actions={
            manage
              ? (m) => (
                  <Group gap={4} wrap="nowrap">
                    {m.userId !== session.user.id && (m.role !== 'owner' || myRole === 'owner') && (
                      <Tooltip label={t('members.resetLink')}>
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('members.resetLinkLabel', { name: m.displayName })}
                          onClick={() => setResetting(m)}
                        >
                          <IconKey size={18} aria-hidden="true" />
                        </ActionIcon>
                      </Tooltip>
                    )}
                    <Tooltip label={t('members.remove')}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('members.removeLabel', { name: m.displayName })}
                        onClick={() => setRemoving(m)}
                      >
                        <IconTrash size={18} aria-hidden="true" />
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                )
              : undefined
          }
        />
      </PagedListStates>
      <ResetLinkModal member={resetting} onClose={() => setResetting(null)} />
      <Modal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={t('members.removeTitle')}
        centered
      >
        <Text mb="md">{t('members.removeConfirm', { name: removing?.displayName ?? '' })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setRemoving(null)}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() => removing && remove.mutate(removing.userId)}
          >
            {t('members.remove')}
          </Button>
        </Group>
      </Modal>
    </TitledSection>
  );
}

/** Make a one-time password reset link for a member and show it once, to hand over in person. */
function ResetLinkModal({ member, onClose }: { member: Member | null; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useMutation({
    mutationFn: (userId: string) =>
      api.post<PasswordResetLinkResponse>(`/org/members/${encodeURIComponent(userId)}/password-reset`),
  });
  const close = () => {
    create.reset();
    onClose();
  };
  const name = member?.displayName ?? '';
  return (
    <Modal
      opened={member !== null}
      onClose={close}
      title={t('members.resetTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      centered
    >
      {create.data ? (
        <Stack gap="sm">
          <Text fw={600}>{t('members.resetReady', { name })}</Text>
          <Text size="sm">{t('members.resetOnce', { date: formatDateTime(create.data.expiresAt) })}</Text>
          <Group gap="xs" wrap="nowrap" align="flex-end">
            <TextInput
              label={t('members.resetLinkField')}
              value={create.data.url}
              readOnly
              style={{ flex: 1 }}
              onFocus={(e) => e.currentTarget.select()}
            />
            <CopyTextButton value={create.data.url} highlight />
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.close')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="sm">
          <Text>{t('members.resetConfirm', { name })}</Text>
          {create.isError && (
            <Alert color="red" role="alert">
              {errorMessage(t, create.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button loading={create.isPending} onClick={() => member && create.mutate(member.userId)}>
              {t('members.resetCreate')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

/** The role a new invitation starts with (the owner may pick another). */
const INVITED_ROLE: Role = 'member';

function InviteForm() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [created, setCreated] = useState<CreateInvitationResponse | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '', role: INVITED_ROLE, expiresInDays: '7' },
  });
  const errors = useApiErrors(form);
  const invite = useMutation({
    mutationFn: (body: CreateInvitationRequest) =>
      api.post<CreateInvitationResponse>('/org/invitations', body),
    onSuccess: async (res) => {
      setCreated(res);
      form.reset();
      await client.invalidateQueries({ queryKey: INVITATIONS_KEY });
    },
    onError: (err) => errors.show(err),
  });
  const role = form.getValues().role;
  return (
    <FormSection
      id="members-invite"
      title={t('members.inviteTitle')}
      hint={t('members.inviteHint')}
      maw={640}
    >
      {created && (
        <Alert color="teal" mb="md" title={t('members.linkReady')}>
          <Stack gap="xs">
            <Text size="sm">{t('members.linkOnce', { date: formatDateTime(created.expiresAt) })}</Text>
            <Group gap="xs" wrap="nowrap" align="flex-end">
              <TextInput
                label={t('members.link')}
                value={created.url}
                readOnly
                style={{ flex: 1 }}
                onFocus={(e) => e.currentTarget.select()}
              />
              <CopyTextButton value={created.url} highlight />
            </Group>
          </Stack>
        </Alert>
      )}
      <ApiForm
        form={form}
        errors={errors}
        onSubmit={(values) => {
          setCreated(null);
          const email = values.email.trim();
          invite.mutate({
            role: values.role,
            expiresInDays: Number(values.expiresInDays),
            ...(email ? { email } : {}),
          });
        }}
      >
        <Select
          label={t('members.role')}
          description={roleHint(t, role)}
          data={roleOptions(t)}
          allowDeselect={false}
          withAsterisk
          {...form.getInputProps('role')}
        />
        <TextInput
          label={t('members.inviteEmail')}
          description={t('members.inviteEmailHint')}
          type="email"
          autoComplete="off"
          {...form.getInputProps('email')}
        />
        <Select
          label={t('members.expiry')}
          data={EXPIRY_DAYS.map((d) => ({ value: String(d), label: t('members.days', { count: d }) }))}
          allowDeselect={false}
          withAsterisk
          {...form.getInputProps('expiresInDays')}
        />
        <SubmitRow label={t('members.createLink')} loading={invite.isPending} />
      </ApiForm>
    </FormSection>
  );
}

function statusColor(status: Invitation['status']): string {
  return { pending: 'indigo', accepted: 'teal', expired: 'gray', revoked: 'red' }[status];
}

function InvitationList() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const invitations = usePaged(InvitationListResponseSchema, INVITATIONS_KEY, '/org/invitations');
  const [error, setError] = useState<string | null>(null);
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete(`/org/invitations/${encodeURIComponent(id)}`),
    onSuccess: async () => {
      setError(null);
      notify(t('members.revoked'));
      await client.invalidateQueries({ queryKey: INVITATIONS_KEY });
    },
    onError: (err) => setError(errorMessage(t, err)),
  });
  const items = pageItems(invitations.data);
  return (
    <TitledSection id="members-invitations" title={t('members.invitationsTitle')}>
      <ErrorBanner message={error} mb="sm" />
      <PagedListStates query={invitations} isEmpty={items.length === 0} empty={t('members.noInvitations')}>
        <ResponsiveTable
          labelledBy="members-invitations"
          minWidth={640}
          rows={items}
          rowKey={(inv) => inv.id}
          columns={[
            {
              header: t('fields.email'),
              cell: (inv) => (
                <span style={{ overflowWrap: 'anywhere' }}>{inv.email ?? t('members.anyone')}</span>
              ),
            },
            {
              header: t('members.status'),
              cell: (inv) => (
                <Badge variant="light" color={statusColor(inv.status)}>
                  {t(`invitationStatus.${inv.status}`)}
                </Badge>
              ),
            },
            { header: t('members.role'), cell: (inv) => roleLabel(t, inv.role) },
            { header: t('members.expires'), cell: (inv) => formatDateTime(inv.expiresAt) },
            { header: t('members.invitedBy'), cell: (inv) => inv.invitedBy.displayName },
          ]}
          actions={(inv) =>
            inv.status === 'pending' && (
              <Button
                size="xs"
                variant="subtle"
                color="red"
                loading={revoke.isPending && revoke.variables === inv.id}
                onClick={() => revoke.mutate(inv.id)}
                aria-label={t('members.revokeLabel', { who: inv.email ?? t('members.anyone') })}
              >
                {t('members.revoke')}
              </Button>
            )
          }
        />
      </PagedListStates>
    </TitledSection>
  );
}
