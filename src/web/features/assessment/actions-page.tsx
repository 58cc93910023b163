import { Alert, Badge, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ACTION_STATUSES } from '../../../domain/assessment.js';
import type { AssessmentAction } from '../../../shared/assessment.js';
import { errorMessage, formatDate } from '../../app/errors.js';
import { LoadError, PageHeader, PageSkeleton } from '../../app/page-state.js';
import { useCan } from '../../app/session.js';
import { usePeopleOptions } from '../people/api.js';
import { useActionPlan, useAssessment, useMemberOptions, useUpdateAction } from './api.js';
import { BurndownChart } from './charts.js';
import { AssessmentTabs, LevelBadge, TableSection, useText } from './parts.js';

/** /assessment/:id/actions — every "will do" as an action: owner, deadline, status, overdue; burn-down. */
export function ActionsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const text = useText();
  const write = useCan()('inventory.write');
  const assessment = useAssessment(id);
  const plan = useActionPlan(id);
  const people = usePeopleOptions();
  const members = useMemberOptions();
  // One picker for both kinds of owner: a person of the directory or a member (who logs in).
  const owners = [
    {
      group: t('assessment.ownerPeople'),
      items: (people.data ?? []).map((o) => ({ ...o, value: `p:${o.value}` })),
    },
    {
      group: t('assessment.ownerMembers'),
      items: (members.data ?? []).map((o) => ({ ...o, value: `u:${o.value}` })),
    },
  ];
  const ownerValue = (a: AssessmentAction) =>
    a.ownerPersonId ? `p:${a.ownerPersonId}` : a.ownerUserId ? `u:${a.ownerUserId}` : null;
  const setOwner = (a: AssessmentAction, v: string | null) =>
    set(a, {
      ownerPersonId: v?.startsWith('p:') ? v.slice(2) : null,
      ownerUserId: v?.startsWith('u:') ? v.slice(2) : null,
    });
  const update = useUpdateAction();
  if (plan.isPending || assessment.isPending) return <PageSkeleton shape="table" />;
  if (plan.isError) return <LoadError error={plan.error} onRetry={() => plan.refetch()} />;
  if (assessment.isError) return <LoadError error={assessment.error} onRetry={() => assessment.refetch()} />;
  const overdue = plan.data.items.filter((a) => a.overdue);
  const set = (a: AssessmentAction, body: Parameters<typeof update.mutate>[0]['body']) =>
    update.mutate({ id: a.id, version: a.version, body });
  return (
    <>
      <PageHeader
        title={t('assessment.actionsTitle', { title: assessment.data.title })}
        description={t('assessment.actionsIntro')}
      />
      <AssessmentTabs id={id} />
      {overdue.length > 0 && (
        <Alert color="red" mb="md" title={t('assessment.overdueTitle', { count: overdue.length })}>
          {t('assessment.overdueHint')}
        </Alert>
      )}
      {update.error && (
        <Alert color="red" role="alert" mb="md">
          {errorMessage(t, update.error)}
        </Alert>
      )}
      <Stack gap="lg">
        <TableSection
          id="as-actions"
          title={t('assessment.actionsList')}
          empty={t('assessment.noActions')}
          minWidth={760}
          rows={plan.data.items}
          columns={[
            {
              header: t('assessment.fields.measure'),
              cell: (a) => (
                <Stack gap={2}>
                  <Text size="sm">{text(a.measure)}</Text>
                  <LevelBadge level={a.level} />
                </Stack>
              ),
            },
            {
              header: t('assessment.fields.owner'),
              cell: (a) =>
                write ? (
                  <Select
                    aria-label={t('assessment.ownerOf', { measure: text(a.measure) })}
                    data={owners}
                    value={ownerValue(a)}
                    placeholder={a.ownerName ?? t('assessment.noOwner')}
                    searchable
                    clearable
                    onChange={(v) => setOwner(a, v)}
                  />
                ) : (
                  (a.ownerName ?? t('assessment.noOwner'))
                ),
            },
            {
              header: t('assessment.fields.dueDate'),
              nowrap: true,
              cell: (a) => (
                <Stack gap={2}>
                  {write ? (
                    <TextInput
                      type="date"
                      aria-label={t('assessment.dueOf', { measure: text(a.measure) })}
                      defaultValue={a.dueDate}
                      onBlur={(e) => {
                        const v = e.currentTarget.value;
                        if (v && v !== a.dueDate) set(a, { dueDate: v });
                      }}
                    />
                  ) : (
                    formatDate(a.dueDate)
                  )}
                  {a.overdue && (
                    <Badge color="red" variant="filled">
                      {t('assessment.overdue')}
                    </Badge>
                  )}
                </Stack>
              ),
            },
            {
              header: t('assessment.fields.status'),
              cell: (a) =>
                write ? (
                  <Select
                    aria-label={t('assessment.statusOf', { measure: text(a.measure) })}
                    data={ACTION_STATUSES.map((s) => ({
                      value: s,
                      label: t(`assessment.actionStatuses.${s}`),
                    }))}
                    value={a.status}
                    allowDeselect={false}
                    onChange={(v) => v && set(a, { status: v as AssessmentAction['status'] })}
                  />
                ) : (
                  t(`assessment.actionStatuses.${a.status}`)
                ),
            },
          ]}
        />
        <section aria-labelledby="as-burndown">
          <Title order={2} size="h3" id="as-burndown" mb="xs">
            {t('assessment.burndownTitle')}
          </Title>
          <BurndownChart points={plan.data.burndown} />
        </section>
      </Stack>
    </>
  );
}
