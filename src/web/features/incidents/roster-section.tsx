import { Alert, Button, Checkbox, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HQ_ROLES, type HqRole } from '../../../domain/incidents.js';
import type { Incident, RosterMember, RosterUpdate } from '../../../shared/incidents.js';
import { ApiError, api } from '../../app/api.js';
import { ResponsiveTable } from '../../app/data-table.js';
import { errorMessage } from '../../app/errors.js';
import { FormCard, SubmitRow } from '../../app/forms.js';
import { useCan } from '../../app/session.js';
import { usePeopleOptions } from '../people/api.js';
import { INCIDENTS_KEY } from './api.js';
import { useIncidentFieldErrors } from './issues.js';

/**
 * The HQ roster: who is on the headquarters, in which role, and who is on shift now. Members are
 * added from the organization's people; a role or shift change is sent under If-Match, and a
 * change someone else made first is said in words and the roster reloaded. Read-only once closed.
 */
export function RosterSection({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const can = useCan();
  const queryClient = useQueryClient();
  const editable = incident.status === 'active' && can('incidents.write');
  const [notice, setNotice] = useState<string | null>(null);
  const roleOptions = HQ_ROLES.map((r) => ({ value: r, label: t(`incidents.hqRoles.${r}`) }));
  const change = useMutation({
    mutationFn: ({ member, body }: { member: RosterMember; body: RosterUpdate }) =>
      api.patch(`/incidents/roster/${encodeURIComponent(member.id)}`, body, { ifMatch: member.version }),
    onMutate: () => setNotice(null),
    onError: (err) => setNotice(errorMessage(t, err)),
    // A stale version reloads the roster as it is now, so the next change starts from it.
    onSettled: () => void queryClient.invalidateQueries({ queryKey: INCIDENTS_KEY }),
  });
  return (
    <Stack>
      <Title order={2} size="h3" id="roster-heading">
        {t('incidents.tabs.roster')}
      </Title>
      {editable ? (
        <AddMemberForm incident={incident} />
      ) : (
        incident.status === 'closed' && (
          <Text c="dimmed" size="sm">
            {t('incidents.roster.closed')}
          </Text>
        )
      )}
      {notice && (
        <Alert color="red" role="alert">
          {notice}
        </Alert>
      )}
      {incident.roster.length === 0 ? (
        <Text c="dimmed">{t('incidents.roster.empty')}</Text>
      ) : (
        <ResponsiveTable<RosterMember>
          labelledBy="roster-heading"
          minWidth={520}
          rows={incident.roster}
          rowKey={(m) => m.id}
          columns={[
            { header: t('incidents.roster.person'), cell: (m) => m.personName },
            {
              header: t('incidents.roster.role'),
              cell: (m) =>
                editable ? (
                  <Select
                    aria-label={t('incidents.roster.roleOf', { name: m.personName })}
                    size="xs"
                    data={roleOptions}
                    value={m.role}
                    allowDeselect={false}
                    disabled={change.isPending}
                    onChange={(v) =>
                      v && v !== m.role && change.mutate({ member: m, body: { role: v as HqRole } })
                    }
                  />
                ) : (
                  t(`incidents.hqRoles.${m.role}`)
                ),
            },
            {
              header: t('incidents.roster.shift'),
              cell: (m) => (m.onShift ? t('incidents.roster.onShift') : t('incidents.roster.offShift')),
            },
          ]}
          actions={
            editable
              ? (m) => (
                  <Button
                    size="compact-xs"
                    variant="light"
                    disabled={change.isPending}
                    onClick={() => change.mutate({ member: m, body: { onShift: !m.onShift } })}
                  >
                    {m.onShift
                      ? t('incidents.roster.takeOff', { name: m.personName })
                      : t('incidents.roster.putOn', { name: m.personName })}
                  </Button>
                )
              : undefined
          }
        />
      )}
    </Stack>
  );
}

/** Add a person of the organization to the roster, with an HQ role; on shift unless unticked. */
function AddMemberForm({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const people = usePeopleOptions();
  const [personId, setPersonId] = useState<string | null>(null);
  const [role, setRole] = useState<HqRole>('member');
  const [onShift, setOnShift] = useState(true);
  const { errors, formRef, clear, show } = useIncidentFieldErrors();
  const [formError, setFormError] = useState<string | null>(null);
  const onRoster = new Set(incident.roster.map((m) => m.personId));
  const add = useMutation({
    mutationFn: () =>
      api.post(`/incidents/${encodeURIComponent(incident.id)}/roster`, {
        personId: personId ?? '',
        role,
        onShift,
      }),
    onSuccess: () => {
      setPersonId(null);
      setRole('member');
      setOnShift(true);
      void queryClient.invalidateQueries({ queryKey: INCIDENTS_KEY });
    },
    onError: (err) => {
      const duplicate = err instanceof ApiError && err.code === 'duplicate';
      const onFields = err instanceof ApiError && err.issues.length > 0;
      setFormError(duplicate || onFields ? null : errorMessage(t, err));
      show(err, duplicate ? { personId: t('incidents.roster.already') } : undefined);
    },
  });
  return (
    <FormCard
      formRef={formRef}
      onSubmit={() => {
        clear();
        setFormError(null);
        add.mutate();
      }}
    >
      <Stack gap="sm">
        <Group align="flex-start" gap="xs" grow preventGrowOverflow={false} wrap="wrap">
          <Select
            label={t('incidents.roster.person')}
            placeholder={t('incidents.roster.choosePerson')}
            data={(people.data ?? []).filter((p) => !onRoster.has(p.value))}
            value={personId}
            onChange={setPersonId}
            searchable
            nothingFoundMessage={t('incidents.roster.noPeople')}
            error={errors.personId}
            miw={200}
            required
          />
          <Select
            label={t('incidents.roster.role')}
            data={HQ_ROLES.map((r) => ({ value: r, label: t(`incidents.hqRoles.${r}`) }))}
            value={role}
            onChange={(v) => setRole((v as HqRole | null) ?? 'member')}
            allowDeselect={false}
            error={errors.role}
            miw={180}
          />
        </Group>
        <Checkbox
          label={t('incidents.roster.startOnShift')}
          checked={onShift}
          onChange={(e) => setOnShift(e.currentTarget.checked)}
        />
        {formError && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        <SubmitRow label={t('incidents.roster.add')} loading={add.isPending} />
      </Stack>
    </FormCard>
  );
}
