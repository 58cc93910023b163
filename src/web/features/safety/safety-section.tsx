import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EMPLOYMENT_STATUS_LABELS, EMPLOYMENT_STATUSES } from '../../../domain/organization.js';
import {
  SAFETY_LIMITS,
  SAFETY_QUESTIONS,
  SAFETY_STATUSES,
  type SafetyQuestion,
  type SafetyStatus,
} from '../../../domain/safety.js';
import type { Incident } from '../../../shared/incidents.js';
import type { SafetyFilter, SafetyOverview, SafetyRecipient } from '../../../shared/safety.js';
import { ApiError, api } from '../../app/api.js';
import { ResponsiveTable } from '../../app/data-table.js';
import { errorMessage, formatDateTime } from '../../app/errors.js';
import { featureIssueText } from '../../app/feature-issues.js';
import { useFocusFirstInvalid } from '../../app/focus-invalid.js';
import { FormCard, SubmitRow } from '../../app/forms.js';
import { LoadError, PageSkeleton } from '../../app/page-state.js';
import { prefectureOptions } from '../../app/prefectures.js';
import { useCan } from '../../app/session.js';
import { useDepartments, useSites } from '../structure/api.js';
import { safetyKey, useMySafetyRequests, useOpenOwnAnswer, useSafetyOverview } from './api.js';

// Light badges take the theme's darkened text (4.5:1); a serious injury is filled dark red with white text.
const STATUS_COLOR: Record<SafetyStatus | 'no_answer', string> = {
  safe: 'green',
  minor_injury: 'orange',
  serious_injury: 'red.9',
  no_answer: 'gray',
};
const variantOf = (s: SafetyStatus | 'no_answer') => (s === 'serious_injury' ? 'filled' : 'light');

type Totals = SafetyOverview['totals'];

/**
 * 安否確認 on the HQ page: send a request (to everyone or a filter, chosen questions, reminders),
 * live totals by status, site and department, every person's latest answer with the non-responders
 * first, proxy answers and a resend, and for drills how fast people answered.
 */
export function SafetySection({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const can = useCan();
  const overview = useSafetyOverview(incident.id);
  const editable = incident.status === 'active' && can('incidents.write');
  if (overview.isPending) return <PageSkeleton shape="page" />;
  if (overview.error) return <LoadError error={overview.error} onRetry={() => void overview.refetch()} />;
  const o = overview.data;
  return (
    <Stack id="safety">
      <Title order={2} size="h3" id="safety-heading">
        {t('safety.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('safety.intro')}
      </Text>
      {incident.status === 'active' && <MyAnswer incidentId={incident.id} />}
      {editable && <RequestForm incidentId={incident.id} first={o.requests.length === 0} />}
      {o.recipients.length > 0 && (
        <>
          <TotalsRow totals={o.totals} />
          {o.mode === 'drill' && <AnswerTimes o={o} />}
          <GroupTable
            id="safety-sites"
            title={t('safety.bySite')}
            rows={o.bySite}
            none={t('safety.noSite')}
          />
          <GroupTable
            id="safety-departments"
            title={t('safety.byDepartment')}
            rows={o.byDepartment}
            none={t('safety.noDepartment')}
          />
          <People incidentId={incident.id} recipients={o.recipients} editable={editable} />
        </>
      )}
    </Stack>
  );
}

/** In-app: the signed-in member is asked too; their own answer page opens here, without the mail. */
function MyAnswer({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const mine = useMySafetyRequests();
  const own = mine.data?.items.find((r) => r.incidentId === incidentId);
  const open = useOpenOwnAnswer();
  if (!own) return null;
  return (
    <Alert
      color={own.answered ? 'blue' : 'orange'}
      title={t(own.answered ? 'safety.mine.answered' : 'safety.mine.asked')}
    >
      <Button mt="xs" loading={open.isPending} onClick={() => open.mutate(own.recipientId)}>
        {t(own.answered ? 'safety.mine.update' : 'safety.mine.answer')}
      </Button>
      {open.error && (
        <Text c="red.9" size="sm" mt="xs" role="alert">
          {errorMessage(t, open.error)}
        </Text>
      )}
    </Alert>
  );
}

function TotalsRow({ totals }: { totals: Totals }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" aria-label={t('safety.totals')} role="group" data-testid="safety-totals">
      {(['safe', 'minor_injury', 'serious_injury', 'no_answer'] as const).map((s) => (
        <Badge key={s} size="lg" color={STATUS_COLOR[s]} variant={variantOf(s)} data-status={s}>
          {t(`safety.statuses.${s}`)}: {totals[s]}
        </Badge>
      ))}
    </Group>
  );
}

function AnswerTimes({ o }: { o: SafetyOverview }) {
  const { t } = useTranslation();
  const a = o.answerTimes;
  const m = (v: number | null) =>
    v === null ? t('safety.times.none') : t('safety.times.minutes', { count: Math.round(v) });
  return (
    <Paper withBorder p="sm">
      <Text fw={600} size="sm">
        {t('safety.times.title', { answered: a.answered, asked: a.asked })}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 4 }} mt="xs">
        <Text size="sm">{t('safety.times.p25', { value: m(a.p25) })}</Text>
        <Text size="sm">{t('safety.times.p50', { value: m(a.p50) })}</Text>
        <Text size="sm">{t('safety.times.p75', { value: m(a.p75) })}</Text>
        <Text size="sm">{t('safety.times.to80', { value: m(a.to80) })}</Text>
      </SimpleGrid>
    </Paper>
  );
}

function GroupTable({
  id,
  title,
  rows,
  none,
}: {
  id: string;
  title: string;
  rows: SafetyOverview['bySite'];
  none: string;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Title order={3} size="h5" id={id}>
        {title}
      </Title>
      <ResponsiveTable<SafetyOverview['bySite'][number]>
        labelledBy={id}
        minWidth={480}
        rows={rows}
        rowKey={(r) => r.id ?? '-'}
        columns={[
          { header: t('safety.group'), cell: (r) => r.name ?? none },
          ...(['safe', 'minor_injury', 'serious_injury', 'no_answer'] as const).map((s) => ({
            header: t(`safety.statuses.${s}`),
            cell: (r: SafetyOverview['bySite'][number]) => String(r.totals[s]),
          })),
        ]}
      />
    </Stack>
  );
}

function RequestForm({ incidentId, first }: { incidentId: string; first: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const focus = useFocusFirstInvalid();
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const sites = useSites();
  const departments = useDepartments();
  const [filter, setFilter] = useState<Required<SafetyFilter>>({
    siteIds: [],
    departmentIds: [],
    prefectureCodes: [],
    employmentStatuses: [],
  });
  const [questions, setQuestions] = useState<SafetyQuestion[]>([...SAFETY_QUESTIONS]);
  const [count, setCount] = useState<number | string>(2);
  const [interval, setIntervalMinutes] = useState<number | string>(30);
  const [deadline, setDeadline] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: () =>
      api.post<{ recipients: number; emails: number }>(
        `/incidents/${encodeURIComponent(incidentId)}/safety/requests`,
        {
          filter,
          questions,
          reminders: {
            count: Number(count) || 0,
            intervalMinutes: Number(interval) || 0,
            deadlineAt: deadline ? new Date(deadline).toISOString() : null,
          },
        },
      ),
    onMutate: () => setSent(null),
    onSuccess: (r) => {
      setSent(t('safety.form.sent', { recipients: r.recipients, emails: r.emails }));
      void queryClient.invalidateQueries({ queryKey: safetyKey(incidentId) });
    },
    onError: () => focus.request(),
  });
  const issues = send.error instanceof ApiError ? send.error.issues : [];
  const issueAt = (...path: string[]) => {
    const i = issues.find((x) => path.every((p, k) => String(x.path[k]) === p));
    return i ? featureIssueText(t, 'safety', i) : undefined;
  };
  const options = (items: { id: string; name: string }[] | undefined) =>
    (items ?? []).map((x) => ({ value: x.id, label: x.name }));
  return (
    <FormCard formRef={focus.ref} onSubmit={() => send.mutate()}>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {first ? t('safety.form.title') : t('safety.form.titleMore')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('safety.form.filterHint')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <MultiSelect
            label={t('safety.form.sites')}
            data={options(sites.data)}
            value={filter.siteIds}
            onChange={(v) => setFilter({ ...filter, siteIds: v })}
            searchable
            error={issueAt('filter')}
          />
          <MultiSelect
            label={t('safety.form.departments')}
            data={options(departments.data)}
            value={filter.departmentIds}
            onChange={(v) => setFilter({ ...filter, departmentIds: v })}
            searchable
          />
          <MultiSelect
            label={t('safety.form.prefectures')}
            data={prefectureOptions(lang)}
            value={filter.prefectureCodes}
            onChange={(v) => setFilter({ ...filter, prefectureCodes: v as typeof filter.prefectureCodes })}
            searchable
          />
          <MultiSelect
            label={t('safety.form.employment')}
            data={EMPLOYMENT_STATUSES.map((s) => ({ value: s, label: EMPLOYMENT_STATUS_LABELS[s][lang] }))}
            value={filter.employmentStatuses}
            onChange={(v) =>
              setFilter({ ...filter, employmentStatuses: v as typeof filter.employmentStatuses })
            }
          />
        </SimpleGrid>
        <Checkbox.Group
          label={t('safety.form.questions')}
          value={questions}
          onChange={(v) => setQuestions(v as SafetyQuestion[])}
        >
          <Group gap="md" mt={4}>
            {SAFETY_QUESTIONS.map((q) => (
              <Checkbox key={q} value={q} label={t(`safety.questions.${q}`)} disabled={q === 'status'} />
            ))}
          </Group>
        </Checkbox.Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NumberInput
            label={t('safety.form.reminderCount')}
            min={0}
            max={SAFETY_LIMITS.reminders}
            value={count}
            onChange={setCount}
            error={issueAt('reminders', 'count')}
          />
          <NumberInput
            label={t('safety.form.reminderInterval')}
            min={SAFETY_LIMITS.reminderIntervalMinutes.min}
            max={SAFETY_LIMITS.reminderIntervalMinutes.max}
            value={interval}
            onChange={setIntervalMinutes}
            error={issueAt('reminders', 'intervalMinutes')}
          />
          <TextInput
            type="datetime-local"
            label={t('safety.form.deadline')}
            value={deadline}
            onChange={(e) => setDeadline(e.currentTarget.value)}
            error={issueAt('reminders', 'deadlineAt')}
          />
        </SimpleGrid>
        {send.error && issues.length === 0 && (
          <Alert color="red" role="alert">
            {errorMessage(t, send.error)}
          </Alert>
        )}
        {sent && (
          <Alert color="green" role="status">
            {sent}
          </Alert>
        )}
        <SubmitRow label={t('safety.form.submit')} loading={send.isPending} />
      </Stack>
    </FormCard>
  );
}

function People({
  incidentId,
  recipients,
  editable,
}: {
  incidentId: string;
  recipients: SafetyRecipient[];
  editable: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [show, setShow] = useState<'missing' | 'all'>('missing');
  const [proxyFor, setProxyFor] = useState<SafetyRecipient | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [resendSite, setResendSite] = useState<string | null>(null);
  const sites = useSites();
  const missing = recipients.filter((r) => r.status === null);
  const undelivered = missing.filter((r) => r.mail?.status === 'failed');
  const rows = show === 'missing' ? missing : recipients;
  const resend = useMutation({
    mutationFn: () =>
      api.post<{ recipients: number; emails: number }>(
        `/incidents/${encodeURIComponent(incidentId)}/safety/resend`,
        { filter: resendSite ? { siteIds: [resendSite] } : {} },
      ),
    onSuccess: (r) => {
      setNotice(t('safety.resend.done', { recipients: r.recipients, emails: r.emails }));
      void queryClient.invalidateQueries({ queryKey: safetyKey(incidentId) });
    },
    onError: (err) => setNotice(errorMessage(t, err)),
  });
  return (
    <Stack gap="xs">
      <Group justify="space-between" align="flex-end">
        <Title order={3} size="h5" id="safety-people">
          {t('safety.people.title', { missing: missing.length, all: recipients.length })}
        </Title>
        <Group gap="xs">
          <SegmentedControl
            size="xs"
            value={show}
            onChange={(v) => setShow(v as 'missing' | 'all')}
            data={[
              { value: 'missing', label: t('safety.people.missing') },
              { value: 'all', label: t('safety.people.all') },
            ]}
          />
          {editable && missing.length > 0 && (
            <>
              <Select
                size="xs"
                aria-label={t('safety.resend.site')}
                placeholder={t('safety.resend.allSites')}
                data={(sites.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
                value={resendSite}
                onChange={setResendSite}
                clearable
                w={150}
              />
              <Button size="xs" variant="default" loading={resend.isPending} onClick={() => resend.mutate()}>
                {t('safety.resend.button')}
              </Button>
            </>
          )}
        </Group>
      </Group>
      {notice && (
        <Alert role="status" withCloseButton onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      {undelivered.length > 0 && (
        <Alert color="red" title={t('safety.mail.undeliveredTitle', { count: undelivered.length })}>
          <Text size="sm">{t('safety.mail.undeliveredHelp')}</Text>
          <Anchor component={Link} to="/people" size="sm" c="inherit" fw={700} underline="always">
            {t('safety.mail.openPeople')}
          </Anchor>
        </Alert>
      )}
      {proxyFor && (
        <ProxyForm incidentId={incidentId} recipient={proxyFor} onDone={() => setProxyFor(null)} />
      )}
      {rows.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('safety.people.none')}
        </Text>
      ) : (
        <ResponsiveTable<SafetyRecipient>
          labelledBy="safety-people"
          minWidth={640}
          rows={rows}
          rowKey={(r) => r.id}
          columns={[
            { header: t('safety.people.name'), cell: (r) => r.name },
            {
              header: t('safety.people.status'),
              cell: (r) => (
                <Badge
                  color={STATUS_COLOR[r.status ?? 'no_answer']}
                  variant="light"
                  data-testid="safety-status"
                >
                  {t(`safety.statuses.${r.status ?? 'no_answer'}`)}
                </Badge>
              ),
            },
            { header: t('safety.people.site'), cell: (r) => r.siteName ?? '' },
            { header: t('safety.people.department'), cell: (r) => r.departmentName ?? '' },
            {
              header: t('safety.people.answeredAt'),
              cell: (r) =>
                r.latest ? (
                  `${formatDateTime(r.latest.answeredAt)}${r.latest.proxyBy ? ` (${t('safety.people.proxy', { name: r.latest.proxyBy })})` : ''}`
                ) : r.mail?.status === 'failed' ? (
                  <Badge
                    color="red"
                    variant="light"
                    title={t(`safety.mail.reasons.${r.mail.reason ?? 'failed'}`)}
                  >
                    {t('safety.mail.failed')}
                  </Badge>
                ) : r.hasEmail ? (
                  ''
                ) : (
                  t('safety.people.noEmail')
                ),
            },
            { header: t('safety.people.message'), cell: (r) => r.latest?.message ?? '' },
          ]}
          actions={
            editable
              ? (r) => (
                  <Button size="compact-sm" variant="subtle" onClick={() => setProxyFor(r)}>
                    {t('safety.proxy.button')}
                  </Button>
                )
              : undefined
          }
        />
      )}
    </Stack>
  );
}

function ProxyForm({
  incidentId,
  recipient,
  onDone,
}: {
  incidentId: string;
  recipient: SafetyRecipient;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const focus = useFocusFirstInvalid();
  const [status, setStatus] = useState<string | null>(recipient.status);
  const [message, setMessage] = useState('');
  const save = useMutation({
    mutationFn: () =>
      api.post(
        `/incidents/${encodeURIComponent(incidentId)}/safety/recipients/${encodeURIComponent(recipient.id)}/answers`,
        { status: status ?? '', message: message || null },
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: safetyKey(incidentId) });
      onDone();
    },
    onError: () => focus.request(),
  });
  const issues = save.error instanceof ApiError ? save.error.issues : [];
  const issueOf = (field: string) => {
    const i = issues.find((x) => x.path[0] === field);
    return i ? featureIssueText(t, 'safety', i) : undefined;
  };
  return (
    <Paper
      withBorder
      p="sm"
      component="form"
      ref={focus.ref}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="xs">
        <Text fw={600}>{t('safety.proxy.title', { name: recipient.name })}</Text>
        <Select
          label={t('safety.people.status')}
          data={SAFETY_STATUSES.map((s) => ({ value: s, label: t(`safety.statuses.${s}`) }))}
          value={status}
          onChange={setStatus}
          error={issueOf('status')}
          required
        />
        <Textarea
          label={t('safety.people.message')}
          description={t('safety.proxy.hint')}
          value={message}
          onChange={(e) => setMessage(e.currentTarget.value)}
          maxLength={SAFETY_LIMITS.message}
          error={issueOf('message')}
          autosize
          minRows={2}
        />
        {save.error && issues.length === 0 && (
          <Alert color="red" role="alert">
            {errorMessage(t, save.error)}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('safety.proxy.submit')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('safety.proxy.cancel')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
